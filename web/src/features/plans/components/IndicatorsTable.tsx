import { ActionIcon, Badge, Stack, Table, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import type { IndicatorCategory, IndicatorDto } from "@shien/contracts";
import { IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { useI18n } from "../../../lib/i18n";
import { formatCount } from "../../../lib/numbers";
import { categoryLabelKey } from "../labels";
import { IndicatorModal } from "./IndicatorModal";

const CATEGORY_COLOR: Record<IndicatorCategory, string> = { priority: "blue", activity: "teal", reference: "gray" };

const NUMERIC = { fontVariantNumeric: "tabular-nums" } as const;

/** 計画: the number (with any wording printed beside it), or the wording alone (未定, 今後協議 …). */
function TargetCell({ indicator }: { indicator: IndicatorDto }) {
  const { t } = useI18n();
  return (
    <Stack gap={0} align="flex-end">
      {indicator.target !== null && (
        <Text size="sm" fw={600} style={NUMERIC}>
          {formatCount(indicator.target)}
        </Text>
      )}
      {indicator.targetText && (
        <Text size={indicator.target === null ? "sm" : "xs"} c={indicator.target === null ? undefined : "dimmed"}>
          {indicator.targetText}
        </Text>
      )}
      {indicator.breakdown?.map((b) => (
        <Text
          key={b.label}
          size={indicator.target === null ? "sm" : "xs"}
          c={indicator.target === null ? undefined : "dimmed"}
          style={NUMERIC}
        >
          {b.label} {b.target === null ? "—" : formatCount(b.target)}
        </Text>
      ))}
      {indicator.target === null && !indicator.targetText && !indicator.breakdown && (
        <Text size="sm" c="dimmed">
          {t("plans.noFigure")}
        </Text>
      )}
    </Stack>
  );
}

/** 前年度: its label as printed (R7年度目標・実績(12月末)), target / actual, and the as-of date. */
function PreviousCell({ previous }: { previous: IndicatorDto["previous"] }) {
  const { t, displayDate } = useI18n();
  if (!previous) return null;
  const figures = [
    previous.target != null ? t("indicators.previousTarget", { value: formatCount(previous.target) }) : null,
    previous.actual != null ? t("indicators.previousActual", { value: formatCount(previous.actual) }) : null,
  ].filter((x) => x !== null);
  return (
    <Stack gap={0}>
      {previous.label && (
        <Text size="xs" c="dimmed">
          {previous.label}
        </Text>
      )}
      {figures.length > 0 && (
        <Text size="sm" style={NUMERIC}>
          {figures.join(" ／ ")}
        </Text>
      )}
      {previous.asOf && (
        <Text size="xs" c="dimmed">
          {t("indicators.asOf", { date: displayDate(previous.asOf) })}
        </Text>
      )}
    </Stack>
  );
}

export function IndicatorsTable({
  planId,
  indicators,
  canEdit,
}: {
  planId: string;
  indicators: readonly IndicatorDto[];
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<IndicatorDto | null>(null);
  const withPrevious = indicators.some((i) => i.previous !== null);
  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing={6} withTableBorder withColumnBorders data-testid="indicators-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={64}>{t("indicators.category")}</Table.Th>
              <Table.Th>{t("indicators.name")}</Table.Th>
              <Table.Th w={72}>{t("indicators.unit")}</Table.Th>
              <Table.Th w={160} ta="right">
                {t("indicators.target")}
              </Table.Th>
              {withPrevious && <Table.Th w={240}>{t("indicators.previous")}</Table.Th>}
              {canEdit && (
                <Table.Th w={48}>
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {indicators.map((indicator) => (
              <Table.Tr key={indicator.id} data-testid="indicator-row">
                <Table.Td>
                  <Badge size="sm" variant="light" color={CATEGORY_COLOR[indicator.category]}>
                    {t(categoryLabelKey[indicator.category])}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{indicator.name}</Text>
                  {indicator.note && (
                    <Text size="xs" c="dimmed">
                      {indicator.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{indicator.unit}</Text>
                </Table.Td>
                <Table.Td>
                  <TargetCell indicator={indicator} />
                </Table.Td>
                {withPrevious && (
                  <Table.Td>
                    <PreviousCell previous={indicator.previous} />
                  </Table.Td>
                )}
                {canEdit && (
                  <Table.Td>
                    <Tooltip label={t("indicators.edit")}>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`${t("indicators.edit")}: ${indicator.name}`}
                        onClick={() => setEditing(indicator)}
                        data-testid="indicator-edit"
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && <IndicatorModal planId={planId} indicator={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
