import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { FormModal, useFormDirty } from "../../../components/FormModal";
import { useRequiredFields } from "../../../components/useRequiredFields";
import { useI18n } from "../../../lib/i18n";
import { useRevisePlan } from "../queries";

/** 見直し: an administrator reopens an adopted plan for editing, giving the reason (kept in the record). */
export function ReviseModal({ planId, onClose }: { planId: string; onClose: () => void }) {
  const { t } = useI18n();
  const revise = useRevisePlan(planId);
  const [reason, setReason] = useState("");
  const dirty = useFormDirty({ reason });
  const required = useRequiredFields({ reason: { label: t("planRevise.reason"), value: reason } });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!required.check(event)) return;
    revise.mutate(reason.trim(), {
      onSuccess: ({ revision }) => {
        notifications.show({ color: "green", message: t("planRevise.done", { revision }) });
        onClose();
      },
    });
  };

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t("planRevise.title")}>
      <form noValidate onSubmit={submit} data-testid="plan-revise-form">
        <Stack>
          <Text size="sm">{t("planRevise.explain")}</Text>
          <Textarea
            label={t("planRevise.reason")}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            autosize
            minRows={3}
            maxLength={1000}
            error={required.errors.reason ?? fieldError(revise.error, "reason")}
            data-testid="plan-revise-reason"
            data-autofocus
          />
          <FormError error={revise.error} fields={["reason"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={revise.isPending} disabled={!reason.trim()} data-testid="plan-revise-submit">
              {t("planRevise.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
