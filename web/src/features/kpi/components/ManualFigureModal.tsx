import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { KpiIndicator } from "@shien/contracts";
import { IconInfoCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { QueryState } from "../../../components/QueryState";
import { formatDateTime } from "../../../lib/datetime";
import { useI18n } from "../../../lib/i18n";
import { formatCount } from "../../../lib/numbers";
import { todayInTokyo } from "../../support/format";
import { longMonth } from "../format";
import { fiscalMonths } from "../pace";
import { type ManualFigure, useManualFigures, useSaveManualFigure } from "../queries";

/** Months of the year that have begun (a figure is measured after the fact), latest first. */
function openMonths(fiscalYear: number): string[] {
  const thisMonth = todayInTokyo().slice(0, 7);
  return fiscalMonths(fiscalYear)
    .filter((m) => m <= thisMonth)
    .reverse();
}

/**
 * 手入力の実績: the figure of one month, measured outside Shien (入場者数 from a gate counter …),
 * with its evidence. Entering a month again corrects it; the server keeps the audit trail.
 */
export function ManualFigureModal({
  indicator,
  fiscalYear,
  asOf,
  onClose,
}: {
  indicator: KpiIndicator;
  fiscalYear: number;
  asOf: string;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const figures = useManualFigures(indicator.indicatorId, fiscalYear);
  const save = useSaveManualFigure(indicator.indicatorId);
  const months = openMonths(fiscalYear);
  const asOfMonth = asOf.slice(0, 7);
  const [month, setMonth] = useState<string | null>(months.includes(asOfMonth) ? asOfMonth : (months[0] ?? null));
  const [value, setValue] = useState<number | string>("");
  const [evidence, setEvidence] = useState("");
  const entered = new Map((figures.data ?? []).map((f) => [f.month, f]));
  const existing = month ? entered.get(month) : undefined;
  // The list arrives after the modal opens: once it does, a month already entered shows its figure.
  const [listSeen, setListSeen] = useState(false);
  if (figures.data && !listSeen) {
    setListSeen(true);
    if (existing) {
      setValue(existing.value);
      setEvidence(existing.evidence);
    }
  }

  /** Picking a month already entered shows its figure, to correct it. */
  const pick = (next: string | null, list: Map<string, ManualFigure> = entered) => {
    setMonth(next);
    const current = next ? list.get(next) : undefined;
    setValue(current ? current.value : "");
    setEvidence(current ? current.evidence : "");
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!month) return;
    save.mutate(
      { month, value: typeof value === "number" ? value : Number.NaN, evidence },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("kpi.manual.saved", { month: longMonth(month, locale) }) });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t("kpi.manual.title")} size="lg">
      <Stack>
        <div>
          <Text size="sm" c="dimmed">
            {indicator.programCode} {indicator.programName}
          </Text>
          <Text fw={600}>
            {indicator.name}（{indicator.unit}）
          </Text>
        </div>
        {months.length === 0 ? (
          <Alert color="gray" icon={<IconInfoCircle size={18} />}>
            {t("kpi.manual.noMonths")}
          </Alert>
        ) : (
          <form onSubmit={submit} data-testid="kpi-manual-form">
            <Stack>
              <Group grow align="flex-start">
                <Select
                  label={t("kpi.manual.month")}
                  data={months.map((m) => ({
                    value: m,
                    label: entered.has(m)
                      ? t("kpi.manual.monthEntered", { month: longMonth(m, locale) })
                      : longMonth(m, locale),
                  }))}
                  value={month}
                  onChange={(v) => pick(v)}
                  allowDeselect={false}
                  required
                  error={fieldError(save.error, "month")}
                  data-testid="kpi-manual-month"
                />
                <NumberInput
                  label={t("kpi.manual.value")}
                  value={value}
                  onChange={setValue}
                  min={0}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator=","
                  suffix={` ${indicator.unit}`}
                  required
                  error={fieldError(save.error, "value")}
                  data-testid="kpi-manual-value"
                />
              </Group>
              <Textarea
                label={t("kpi.manual.evidence")}
                description={t("kpi.manual.evidenceHint")}
                value={evidence}
                onChange={(e) => setEvidence(e.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={1000}
                required
                error={fieldError(save.error, "evidence")}
                data-testid="kpi-manual-evidence"
              />
              {existing && (
                <Text size="sm" c="orange.8" data-testid="kpi-manual-overwrite">
                  {t("kpi.manual.overwrite", { value: formatCount(existing.value), by: existing.recordedBy })}
                </Text>
              )}
              <FormError error={save.error} fields={["month", "value", "evidence"]} />
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  {t("common.cancel")}
                </Button>
                <Button type="submit" loading={save.isPending} disabled={!month} data-testid="kpi-manual-submit">
                  {t("common.save")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        <Title order={3} size="h6">
          {t("kpi.manual.entered")}
        </Title>
        <QueryState isPending={figures.isPending} error={figures.error}>
          {(figures.data ?? []).length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("kpi.manual.none")}
            </Text>
          ) : (
            <Table striped verticalSpacing={4} data-testid="kpi-manual-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("kpi.manual.month")}</Table.Th>
                  <Table.Th ta="right">{t("kpi.manual.value")}</Table.Th>
                  <Table.Th>{t("kpi.manual.evidence")}</Table.Th>
                  <Table.Th>{t("kpi.manual.recordedBy")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...(figures.data ?? [])]
                  .sort((a, b) => a.month.localeCompare(b.month))
                  .map((f) => (
                    <Table.Tr key={f.month} data-testid="kpi-manual-row" data-month={f.month}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{longMonth(f.month, locale)}</Table.Td>
                      <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                        {formatCount(f.value)}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {f.evidence}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{f.recordedBy}</Text>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(f.recordedAt, locale)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      </Stack>
    </Modal>
  );
}
