import { Group, Progress, Stack, Text, Tooltip } from "@mantine/core";
import type { SubsidyFrame } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";
import { digits, formatSen } from "../format";

/**
 * A budget frame as a bar: paid (green) and decided but not yet paid (blue) against the budget,
 * with what is left. Every figure is in 千円, as the plan prints the budget and as the card beside
 * it prints caps and floors (a figure under 1,000円 keeps its digits: 1,234.5千円). `data-remaining`
 * carries the yen left, digits only.
 */
export function FrameBar({ frame, label }: { frame: SubsidyFrame; label?: string }) {
  const { t, locale } = useI18n();
  const budget = frame.budgetYen;
  const share = (yen: number) => (budget > 0 ? Math.min(100, (yen / budget) * 100) : 0);
  const paid = share(frame.paidYen);
  const held = Math.max(0, share(frame.committedYen) - paid);
  // the year's budget its rounds' own frames took (grey)
  const allocated = share(frame.allocatedYen);
  const used = budget > 0 ? (frame.committedYen + frame.allocatedYen) / budget : 0;
  const heldColor = used >= 1 ? "red" : used >= 0.9 ? "orange" : "blue";
  return (
    <Stack gap={4} data-testid="subsidy-frame" data-frame-id={frame.id} data-remaining={digits(frame.remainingYen)}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {label ?? t("subsidies.frame.title")}
        </Text>
        <Text size="xs" style={{ fontVariantNumeric: "tabular-nums" }}>
          {t("subsidies.frame.committedOfBudget", {
            committed: formatSen(frame.committedYen, locale),
            budget: formatSen(budget, locale),
          })}
        </Text>
      </Group>
      <Tooltip
        withArrow
        multiline
        w={300}
        label={t("subsidies.frame.tooltip", {
          paid: formatSen(frame.paidYen, locale),
          held: formatSen(frame.committedYen - frame.paidYen, locale),
          remaining: formatSen(frame.remainingYen, locale),
        })}
      >
        <Progress.Root size="lg" radius="sm" aria-label={label ?? t("subsidies.frame.title")}>
          <Progress.Section value={paid} color="green" />
          <Progress.Section value={held} color={heldColor} />
          {allocated > 0 && <Progress.Section value={allocated} color="gray" />}
        </Progress.Root>
      </Tooltip>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {t("subsidies.frame.paid", { yen: formatSen(frame.paidYen, locale) })}
          {frame.allocatedYen > 0 &&
            ` / ${t("subsidies.frame.allocated", { yen: formatSen(frame.allocatedYen, locale) })}`}
        </Text>
        <Text
          size="sm"
          fw={600}
          c={frame.remainingYen <= 0 ? "red" : undefined}
          style={{ fontVariantNumeric: "tabular-nums" }}
          data-testid="subsidy-frame-remaining"
        >
          {t("subsidies.frame.remaining", { yen: formatSen(frame.remainingYen, locale) })}
        </Text>
      </Group>
    </Stack>
  );
}
