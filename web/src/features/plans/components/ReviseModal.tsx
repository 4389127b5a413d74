import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { useI18n } from "../../../lib/i18n";
import { useRevisePlan } from "../queries";

/** 見直し: an administrator reopens an adopted plan for editing, giving the reason (kept in the record). */
export function ReviseModal({ planId, onClose }: { planId: string; onClose: () => void }) {
  const { t } = useI18n();
  const revise = useRevisePlan(planId);
  const [reason, setReason] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    revise.mutate(reason.trim(), {
      onSuccess: ({ revision }) => {
        notifications.show({ color: "green", message: t("planRevise.done", { revision }) });
        onClose();
      },
    });
  };

  return (
    <Modal opened onClose={onClose} title={t("planRevise.title")}>
      <form onSubmit={submit} data-testid="plan-revise-form">
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
            error={fieldError(revise.error, "reason")}
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
    </Modal>
  );
}
