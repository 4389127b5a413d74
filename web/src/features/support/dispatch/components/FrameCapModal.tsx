import { Button, Group, NumberInput, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { DispatchFrame } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../../components/FormError";
import { FormModal, useFormDirty } from "../../../../components/FormModal";
import { useI18n } from "../../../../lib/i18n";
import { useUpdateFrame } from "../queries";

const orNull = (v: number | string) => (typeof v === "number" ? v : null);

/** 派遣枠の上限: the year's 延べ回数 (from the plan) and the per-company limit the center sets. */
export function FrameCapModal({ frame, onClose }: { frame: DispatchFrame; onClose: () => void }) {
  const { t } = useI18n();
  const update = useUpdateFrame(frame.id);
  const [cap, setCap] = useState<number | string>(frame.cap ?? "");
  const [perCompanyCap, setPerCompanyCap] = useState<number | string>(frame.perCompanyCap ?? "");

  const dirty = useFormDirty({ cap, perCompanyCap });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { cap: orNull(cap), perCompanyCap: orNull(perCompanyCap) },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("frames.updated", { name: frame.name }) });
          onClose();
        },
      },
    );
  };

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t("frames.editTitle")}>
      <form noValidate onSubmit={submit} data-testid="frame-form">
        <Stack>
          <Text size="sm" fw={600}>
            {frame.program.code} {frame.program.name} — {frame.name}
          </Text>
          <NumberInput
            label={t("frames.cap")}
            description={t("frames.capHint")}
            value={cap}
            onChange={setCap}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            suffix={t("frames.timesSuffix")}
            error={fieldError(update.error, "cap")}
            data-testid="frame-form-cap"
            data-autofocus
          />
          <NumberInput
            label={t("frames.perCompanyCap")}
            description={t("frames.perCompanyCapHint")}
            value={perCompanyCap}
            onChange={setPerCompanyCap}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            suffix={t("frames.timesSuffix")}
            error={fieldError(update.error, "perCompanyCap")}
            data-testid="frame-form-per-company-cap"
          />
          <FormError error={update.error} fields={["cap", "perCompanyCap"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={update.isPending} data-testid="frame-form-submit">
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
