import { Table, Text } from "@mantine/core";
import type { SubsidyCalcStep } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";
import { digits, formatRate, formatYen } from "../format";

/**
 * The working (算定の過程): each step the server's arithmetic took, with its fraction (補助率) or
 * its yen, and the note that says which rule bound. The last step is the amount.
 */
export function StepsTable({ steps, testId = "application-steps" }: { steps: SubsidyCalcStep[]; testId?: string }) {
  const { t, locale } = useI18n();
  if (steps.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("subsidies.steps.empty")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing={6} withTableBorder data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("subsidies.steps.label")}</Table.Th>
            <Table.Th ta="right" w={200}>
              {t("subsidies.steps.value")}
            </Table.Th>
            <Table.Th>{t("subsidies.steps.note")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {steps.map((s, i) => {
            const last = i === steps.length - 1;
            return (
              <Table.Tr
                key={s.key}
                data-testid="application-step"
                data-key={s.key}
                data-yen={digits(s.yen)}
                fw={last ? 700 : undefined}
              >
                <Table.Td>{s.label[locale]}</Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
                  {s.fraction && s.yen !== undefined
                    ? `${formatRate(s.fraction)} → ${formatYen(s.yen, locale)}`
                    : s.fraction
                      ? formatRate(s.fraction)
                      : formatYen(s.yen, locale)}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {s.note}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
