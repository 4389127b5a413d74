import { Alert, Button, Checkbox, Group, NumberInput, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  defaultReportDueOn,
  REPORT_DUE_DAYS,
  type SubsidyAction,
  type SubsidyApplication,
  type SubsidyProgram,
  type SubsidyTransition,
} from "@shien/contracts";
import { IconAlertTriangle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { FormError } from "../../../components/FormError";
import { FormModal, useFormDirty } from "../../../components/FormModal";
import { useRequiredFields } from "../../../components/useRequiredFields";
import { type MessageKey, useI18n } from "../../../lib/i18n";
import { todayInTokyo } from "../../support/format";
import { detailsUnder, errorUnder } from "../../support/shared/field-error";
import { digits, effectiveLimits, findVariant, formatYen, frameFor } from "../format";
import {
  DESTRUCTIVE_ACTIONS,
  SUBSIDY_YEN_MAX,
  subsidyActionDoneKey,
  subsidyActionHelpKey,
  subsidyActionLabelKey,
} from "../labels";
import { useTransition } from "../queries";
import { ExpenseLinesEditor, fromLines, type LineValue, toLines } from "./ExpenseLinesEditor";

/** Moves that carry a 交付決定額. */
const WITH_AMOUNT: ReadonlySet<SubsidyAction> = new Set(["decide", "change"]);
/** Moves that carry expense lines: required for 実績報告, optional for 変更承認 and 再提出. */
const WITH_LINES: ReadonlySet<SubsidyAction> = new Set(["report", "change", "resubmit"]);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const onLabelKey: Partial<Record<SubsidyAction, MessageKey>> = {
  check: "subsidies.transition.on.check",
  decide: "subsidies.transition.on.decide",
  report: "subsidies.transition.on.report",
  confirm: "subsidies.transition.on.confirm",
  claim: "subsidies.transition.on.claim",
  pay: "subsidies.transition.on.pay",
};

const noteLabelKey = (action: SubsidyAction): MessageKey =>
  DESTRUCTIVE_ACTIONS.has(action)
    ? "subsidies.transition.reason"
    : action === "change"
      ? "subsidies.transition.changeNote"
      : "subsidies.transition.note";

/**
 * One move of an application (SUBSIDY_TRANSITIONS), asking what that move carries: the day
 * always, a reason for 差戻し・不採択・辞退・取消, the amount for 交付決定・変更承認 (with what is
 * left of the budget frame), the lines for 実績報告 (and, optionally, 変更承認・再提出). The
 * server's refusal (予算枠不足, a stale version, an illegal move) is shown here as it is.
 */
export function TransitionModal({
  application: a,
  program,
  action,
  onClose,
}: {
  application: SubsidyApplication;
  program: SubsidyProgram | undefined;
  action: SubsidyAction;
  onClose: () => void;
}) {
  const { t, locale, displayDate } = useI18n();
  const transition = useTransition(a.id);
  const error = transition.error;
  const [on, setOn] = useState(todayInTokyo());
  const [note, setNote] = useState("");
  const [amount, setAmount] = useState<number | string>(
    action === "decide" ? a.computedYen : action === "change" ? (a.decidedYen ?? a.computedYen) : "",
  );
  // 実績報告の期限: left empty, the server sets the default (decide) or keeps the current one (change).
  const [reportDueOn, setReportDueOn] = useState("");
  const linesRequired = action === "report";
  const [withLines, setWithLines] = useState(linesRequired);
  const [lines, setLines] = useState<LineValue[]>(() =>
    fromLines(action === "report" ? (a.actualLines ?? a.lines) : a.lines),
  );
  const frame = program ? frameFor(program, a.round?.id) : undefined;
  const terms = program?.terms;
  const categories = terms
    ? effectiveLimits(terms, findVariant(terms.courses, a.course), findVariant(terms.types, a.type)).categories
    : undefined;
  const destructive = DESTRUCTIVE_ACTIONS.has(action);
  // 変更承認: what a new amount adds to (or gives back to) the frame.
  const held = action === "change" ? (a.decidedYen ?? 0) : 0;
  const increase = typeof amount === "number" ? amount - held : 0;
  // The fields on screen with the server's message beside them (the summary then stays short).
  const shownFields = [
    "on",
    "note",
    ...(WITH_AMOUNT.has(action) ? ["amountYen", "reportDueOn"] : []),
    ...(WITH_LINES.has(action) && withLines ? ["lines"] : []),
  ];

  const dirty = useFormDirty({ on, note, amount, reportDueOn, withLines, lines });
  const required = useRequiredFields({
    on: { label: t(onLabelKey[action] ?? "subsidies.transition.on"), value: on },
    ...(action === "decide" ? { amountYen: { label: t("subsidies.amount.decided"), value: amount } } : {}),
    ...(action === "return" ? { note: { label: t(noteLabelKey(action)), value: note } } : {}),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!required.check(event)) return;
    const body: SubsidyTransition = { action, version: a.version, on };
    if (note.trim()) body.note = note.trim();
    if (WITH_AMOUNT.has(action) && typeof amount === "number") {
      // 変更承認 with new lines only: leave the amount to the server unless it was changed here.
      if (action !== "change" || amount !== a.decidedYen || !withLines) body.amountYen = amount;
    }
    if (WITH_LINES.has(action) && withLines) body.lines = toLines(lines);
    if (WITH_AMOUNT.has(action) && reportDueOn) body.reportDueOn = reportDueOn;
    transition.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: "green", message: t(subsidyActionDoneKey[action]) });
        onClose();
      },
    });
  };

  return (
    <FormModal
      dirty={dirty}
      onClose={onClose}
      title={t(subsidyActionLabelKey[action])}
      size={WITH_LINES.has(action) && withLines ? "64rem" : "md"}
    >
      <form noValidate onSubmit={submit} data-testid="transition-form" data-action={action}>
        <Stack>
          <div>
            <Text size="sm" fw={600}>
              {a.company.name}
            </Text>
            <Text size="sm" c="dimmed">
              {a.title} / {a.program.code} {a.program.name}
            </Text>
          </div>
          <Text size="sm">{t(subsidyActionHelpKey[action])}</Text>
          {action === "cancel" && a.status === "paid" && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="transition-repayment">
              {t("subsidies.transition.repayment", { yen: formatYen(a.paidYen, locale) })}
            </Alert>
          )}
          {action === "pay" && (
            <Text size="sm" data-testid="transition-pay-amount">
              {t("subsidies.transition.payAmount", { yen: formatYen(a.confirmedYen, locale) })}
            </Text>
          )}
          {action === "confirm" && (
            <Text size="sm">{t("subsidies.transition.confirmRule", { yen: formatYen(a.decidedYen, locale) })}</Text>
          )}
          <TextInput
            type="date"
            label={t(onLabelKey[action] ?? "subsidies.transition.on")}
            value={on}
            onChange={(e) => setOn(e.currentTarget.value)}
            required
            w={220}
            error={required.errors.on ?? errorUnder(error, "on")}
            data-testid="transition-on"
            data-autofocus
          />
          {WITH_AMOUNT.has(action) && (
            <Stack gap={4}>
              <NumberInput
                label={t("subsidies.amount.decided")}
                description={t("subsidies.transition.amountHint", { yen: formatYen(a.computedYen, locale) })}
                value={amount}
                onChange={setAmount}
                min={1}
                max={action === "decide" ? Math.max(a.computedYen, 1) : SUBSIDY_YEN_MAX}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator=","
                suffix={t("subsidies.yenSuffix")}
                required={action === "decide"}
                w={260}
                styles={{ input: { textAlign: "right", fontVariantNumeric: "tabular-nums" } }}
                error={required.errors.amountYen ?? errorUnder(error, "amountYen")}
                data-testid="transition-amount"
              />
              {frame && (
                <Text
                  size="sm"
                  c={increase > frame.remainingYen ? "red" : "dimmed"}
                  data-testid="transition-frame-remaining"
                  data-remaining={digits(frame.remainingYen)}
                >
                  {t("subsidies.transition.frameRemaining", {
                    remaining: formatYen(frame.remainingYen, locale),
                    budget: formatYen(frame.budgetYen, locale),
                  })}
                </Text>
              )}
            </Stack>
          )}
          {WITH_AMOUNT.has(action) && (
            <TextInput
              type="date"
              label={t("subsidies.reportDueOn")}
              description={
                action === "decide"
                  ? t("subsidies.transition.reportDueDefault", {
                      date: isoDate.test(on)
                        ? displayDate(defaultReportDueOn(on, program?.fiscalYear ?? a.fiscalYear))
                        : "—",
                      days: REPORT_DUE_DAYS,
                    })
                  : t("subsidies.transition.reportDueKeep", { date: displayDate(a.reportDueOn) || "—" })
              }
              value={reportDueOn}
              onChange={(e) => setReportDueOn(e.currentTarget.value)}
              // No `min`: the browser's own refusal would be in its language and name no reason;
              // the server's names both dates, beside the field.
              styles={{ wrapper: { width: 220 } }}
              error={errorUnder(error, "reportDueOn")}
              data-testid="transition-report-due"
            />
          )}
          {WITH_LINES.has(action) && !linesRequired && (
            <Checkbox
              label={t(action === "change" ? "subsidies.transition.changeLines" : "subsidies.transition.fixLines")}
              checked={withLines}
              onChange={(e) => setWithLines(e.currentTarget.checked)}
              data-testid="transition-with-lines"
            />
          )}
          {action === "change" && withLines && (
            <Text size="xs" c="dimmed" mt={-8}>
              {t("subsidies.transition.changeLinesHint")}
            </Text>
          )}
          {WITH_LINES.has(action) && withLines && (
            <ExpenseLinesEditor
              lines={lines}
              onChange={setLines}
              categories={categories}
              inheritTaxIncluded={undefined}
              error={error}
              testPrefix="transition"
            />
          )}
          <Textarea
            label={t(noteLabelKey(action))}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            required={action === "return"}
            error={required.errors.note ?? errorUnder(error, "note")}
            data-testid="transition-note"
          />
          <FormError error={error} fields={detailsUnder(error, shownFields)} testId="transition-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button
              type="submit"
              color={destructive ? "red" : undefined}
              loading={transition.isPending}
              data-testid="transition-submit"
            >
              {t(subsidyActionLabelKey[action])}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
