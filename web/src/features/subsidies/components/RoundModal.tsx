import { Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { SubsidyProgram } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError } from "../../../components/FormError";
import { FormModal, useFormDirty } from "../../../components/FormModal";
import { useRequiredFields } from "../../../components/useRequiredFields";
import { useI18n } from "../../../lib/i18n";
import { detailsUnder, errorUnder } from "../../support/shared/field-error";
import { SUBSIDY_YEN_MAX } from "../labels";
import { useAddRound } from "../queries";

const ROUND_FIELDS = ["name", "opensOn", "closesOn", "preStartAllowed", "frameYen"];

/** 公募回の追加 (a manager of the 担当課): its name, 公募期間, 事前着手, and its own budget frame if any. */
export function RoundModal({ program, onClose }: { program: SubsidyProgram; onClose: () => void }) {
  const { t } = useI18n();
  const add = useAddRound(program.id);
  const [name, setName] = useState(t("subsidies.round.defaultName", { n: program.rounds.length + 1 }));
  const [opensOn, setOpensOn] = useState("");
  const [closesOn, setClosesOn] = useState("");
  const [preStartAllowed, setPreStartAllowed] = useState(false);
  const [frameYen, setFrameYen] = useState<number | string>("");
  const error = add.error;

  const dirty = useFormDirty({ name, opensOn, closesOn, preStartAllowed, frameYen });
  const required = useRequiredFields({
    name: { label: t("subsidies.round.name"), value: name },
    opensOn: { label: t("subsidies.round.opensOn"), value: opensOn },
    closesOn: { label: t("subsidies.round.closesOn"), value: closesOn },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!required.check(event)) return;
    add.mutate(
      {
        name: name.trim(),
        opensOn,
        closesOn,
        preStartAllowed,
        frameYen: typeof frameYen === "number" ? frameYen : null,
      },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("subsidies.round.added", { name: name.trim() }) });
          onClose();
        },
      },
    );
  };

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t("subsidies.round.addTitle")} size="lg">
      <form noValidate onSubmit={submit} data-testid="round-form">
        <Stack>
          <Text size="sm">
            {program.program.code} {program.program.name}
          </Text>
          <TextInput
            label={t("subsidies.round.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={50}
            error={required.errors.name ?? errorUnder(error, "name")}
            data-testid="round-name"
            data-autofocus
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="date"
              label={t("subsidies.round.opensOn")}
              value={opensOn}
              onChange={(e) => setOpensOn(e.currentTarget.value)}
              required
              error={required.errors.opensOn ?? errorUnder(error, "opensOn")}
              data-testid="round-opens-on"
            />
            <TextInput
              type="date"
              label={t("subsidies.round.closesOn")}
              value={closesOn}
              onChange={(e) => setClosesOn(e.currentTarget.value)}
              required
              error={required.errors.closesOn ?? errorUnder(error, "closesOn")}
              data-testid="round-closes-on"
            />
          </SimpleGrid>
          <Checkbox
            label={t("subsidies.round.preStartAllowed")}
            description={t("subsidies.round.preStartHint")}
            checked={preStartAllowed}
            onChange={(e) => setPreStartAllowed(e.currentTarget.checked)}
            data-testid="round-pre-start"
          />
          <NumberInput
            label={t("subsidies.round.frameYen")}
            description={t("subsidies.round.frameHint")}
            value={frameYen}
            onChange={setFrameYen}
            min={0}
            max={SUBSIDY_YEN_MAX}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            suffix={t("subsidies.yenSuffix")}
            error={errorUnder(error, "frameYen")}
            w={260}
            data-testid="round-frame-yen"
          />
          <FormError error={error} fields={detailsUnder(error, ROUND_FIELDS)} testId="round-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={add.isPending} data-testid="round-submit">
              {t("subsidies.round.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
