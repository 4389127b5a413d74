import { Button, Group, NumberInput, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Dispatch, DispatchAction, DispatchTransition } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../../components/FormError";
import { FormModal, useFormDirty } from "../../../../components/FormModal";
import { useRequiredFields } from "../../../../components/useRequiredFields";
import { useI18n } from "../../../../lib/i18n";
import { todayInTokyo } from "../../format";
import { useDispatchTransition } from "../queries";

/**
 * One move of a dispatch (contract: DISPATCH_TRANSITIONS), asking only what that move carries:
 * 実施 its day and actual minutes, 報告受領 the report, 支払 the payment date, 却下・取消 why.
 */
export function DispatchActionModal({
  dispatch: d,
  action,
  onClose,
}: {
  dispatch: Dispatch;
  action: DispatchAction;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const transition = useDispatchTransition(d.id);
  const [on, setOn] = useState(action === "done" ? d.scheduledOn : todayInTokyo());
  const [minutes, setMinutes] = useState<number | string>(d.minutes);
  const [reportText, setReportText] = useState(d.reportText ?? "");
  const [reason, setReason] = useState("");
  const error = transition.error;

  const dirty = useFormDirty({ on, minutes, reportText, reason });
  const required = useRequiredFields({
    ...(action === "done" || action === "pay"
      ? { on: { label: t(action === "done" ? "dispatches.heldOn" : "dispatches.paidOn"), value: on } }
      : {}),
    ...(action === "report" ? { reportText: { label: t("dispatches.reportText"), value: reportText } } : {}),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!required.check(event)) return;
    const body: DispatchTransition = { action, version: d.version };
    if (action === "done" || action === "pay") body.on = on;
    if (action === "done" && typeof minutes === "number") body.minutes = minutes;
    if (action === "report") body.reportText = reportText.trim();
    if ((action === "reject" || action === "cancel") && reason.trim()) body.reason = reason.trim();
    transition.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: "green", message: t(`dispatches.action.${action}.done`) });
        onClose();
      },
    });
  };

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t(`dispatches.action.${action}`)}>
      <form noValidate onSubmit={submit} data-testid="dispatch-transition-form">
        <Stack>
          <Text size="sm">
            {d.company.name} / {d.expert.name} / {d.frame.name}
          </Text>
          {(action === "done" || action === "pay") && (
            <TextInput
              type="date"
              label={t(action === "done" ? "dispatches.heldOn" : "dispatches.paidOn")}
              value={on}
              onChange={(e) => setOn(e.currentTarget.value)}
              required
              w={200}
              error={required.errors.on ?? fieldError(error, "on")}
              data-testid="dispatch-transition-on"
            />
          )}
          {action === "done" && (
            <NumberInput
              label={t("dispatches.actualMinutes")}
              value={minutes}
              onChange={setMinutes}
              min={1}
              max={1440}
              allowDecimal={false}
              allowNegative={false}
              suffix={t("consultations.minutesSuffix")}
              w={200}
              error={fieldError(error, "minutes")}
              data-testid="dispatch-transition-minutes"
            />
          )}
          {action === "report" && (
            <Textarea
              label={t("dispatches.reportText")}
              value={reportText}
              onChange={(e) => setReportText(e.currentTarget.value)}
              autosize
              minRows={5}
              required
              error={required.errors.reportText ?? fieldError(error, "reportText")}
              data-testid="dispatch-transition-report"
            />
          )}
          {(action === "reject" || action === "cancel") && (
            <Textarea
              label={t("dispatches.reason")}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
              error={fieldError(error, "reason")}
              data-testid="dispatch-transition-reason"
            />
          )}
          {action === "approve" && <Text size="sm">{t("dispatches.action.approve.help")}</Text>}
          <FormError error={error} fields={["on", "minutes", "reportText", "reason"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button
              type="submit"
              color={action === "reject" || action === "cancel" ? "red" : undefined}
              loading={transition.isPending}
              data-testid="dispatch-transition-submit"
            >
              {t(`dispatches.action.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
