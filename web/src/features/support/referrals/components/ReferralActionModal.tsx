import { Button, Group, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Referral, ReferralAction } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../../components/FormError";
import { FormModal, useFormDirty } from "../../../../components/FormModal";
import { useRequiredFields } from "../../../../components/useRequiredFields";
import { useI18n } from "../../../../lib/i18n";
import { todayInTokyo } from "../../format";
import { useReferralTransition } from "../queries";

/** 受入 / 辞退 (with the reason, which the sender reads) / 完了 (with what came of it). */
export function ReferralActionModal({
  referral,
  action,
  onClose,
}: {
  referral: Referral;
  action: ReferralAction;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const transition = useReferralTransition(referral.id);
  const [on, setOn] = useState(todayInTokyo());
  const [note, setNote] = useState("");
  const noteLabel =
    action === "decline"
      ? t("referrals.declineReason")
      : action === "complete"
        ? t("referrals.outcome")
        : t("referrals.acceptNote");

  const dirty = useFormDirty({ on, note });
  const required = useRequiredFields({
    on: { label: t(action === "complete" ? "referrals.completedOn" : "referrals.respondedOn"), value: on },
    ...(action === "decline" ? { note: { label: noteLabel, value: note } } : {}),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!required.check(event)) return;
    transition.mutate(
      { action, on, note: note.trim() || null, version: referral.version },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: t(`referrals.action.${action}.done`) });
          onClose();
        },
      },
    );
  };

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t(`referrals.action.${action}`)}>
      <form noValidate onSubmit={submit} data-testid="referral-action-form">
        <Stack>
          <Text size="sm">{t(`referrals.action.${action}.help`)}</Text>
          <TextInput
            type="date"
            label={t(action === "complete" ? "referrals.completedOn" : "referrals.respondedOn")}
            value={on}
            onChange={(e) => setOn(e.currentTarget.value)}
            required
            w={200}
            error={required.errors.on ?? fieldError(transition.error, "on")}
            data-testid="referral-action-on"
            data-autofocus
          />
          {action !== "accept" && (
            <Textarea
              label={noteLabel}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              autosize
              minRows={3}
              required={action === "decline"}
              error={required.errors.note ?? fieldError(transition.error, "note")}
              data-testid="referral-action-note"
            />
          )}
          <FormError error={transition.error} fields={["on", "note"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button
              type="submit"
              color={action === "decline" ? "red" : undefined}
              loading={transition.isPending}
              data-testid="referral-action-submit"
            >
              {t(`referrals.action.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
