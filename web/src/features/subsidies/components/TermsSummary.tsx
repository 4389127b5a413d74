import { Group, Paper, Text } from "@mantine/core";
import type { SubsidyFrame, SubsidyProgram } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";
import { digits, formatRate, formatSen, formatYen } from "../format";
import { unitLabelKey } from "../labels";

/** The chosen program's terms in one line, and what is left of its budget frame. */
export function TermsSummary({ program, frame }: { program: SubsidyProgram; frame: SubsidyFrame | undefined }) {
  const { t, locale } = useI18n();
  const terms = program.terms;
  const items = [
    terms.rate ? [t("subsidies.terms.rate"), formatRate(terms.rate)] : null,
    terms.capYen === undefined ? null : [t("subsidies.terms.cap"), formatSen(terms.capYen, locale)],
    terms.floorYen === undefined ? null : [t("subsidies.terms.floor"), formatSen(terms.floorYen, locale)],
    terms.perCompanyCapYen === undefined
      ? null
      : [t("subsidies.terms.perCompanyCap"), formatSen(terms.perCompanyCapYen, locale)],
    [t("subsidies.terms.unit"), t(unitLabelKey[terms.unitYen])],
  ].filter((x): x is string[] => x !== null);
  return (
    <Paper withBorder p="sm" bg="gray.0" data-testid="application-terms">
      <Group gap="lg" wrap="wrap">
        {items.map(([label, value]) => (
          <Text key={label} size="sm">
            <Text span c="dimmed" size="xs" mr={6}>
              {label}
            </Text>
            {value}
          </Text>
        ))}
        {frame && (
          <Text size="sm" data-testid="application-frame-remaining" data-remaining={digits(frame.remainingYen)}>
            <Text span c="dimmed" size="xs" mr={6}>
              {t("subsidies.frame.remainingLabel")}
            </Text>
            {formatYen(frame.remainingYen, locale)}
          </Text>
        )}
      </Group>
      {terms.text && (
        <Text size="xs" c="dimmed" mt={6}>
          {terms.text}
        </Text>
      )}
    </Paper>
  );
}
