import { ActionIcon, Badge, Group, Table, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import type { AmountLineDto } from "@shien/contracts";
import { IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { useI18n } from "../../../lib/i18n";
import { sourcesText } from "../labels";
import { AmountLineModal } from "./AmountLineModal";
import { AmountTd, DifferenceTd, NumTh } from "./NumberCells";

/** 事業費・財源 of one program (千円); lines that are not budget (基金, 予算枠, 累計額) are marked 参考. */
export function AmountsTable({
  planId,
  lines,
  canEdit,
}: {
  planId: string;
  lines: readonly AmountLineDto[];
  canEdit: boolean;
}) {
  const { t, displayDate } = useI18n();
  const [editing, setEditing] = useState<AmountLineDto | null>(null);

  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing={6} withTableBorder withColumnBorders data-testid="amounts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("amounts.label")}</Table.Th>
              <NumTh w={120}>{t("amounts.amount")}</NumTh>
              <NumTh w={120}>{t("amounts.previous")}</NumTh>
              <NumTh w={120}>{t("amounts.difference")}</NumTh>
              <Table.Th w={100}>{t("amounts.sources")}</Table.Th>
              <Table.Th w={180}>{t("amounts.payer")}</Table.Th>
              <Table.Th w={120}>{t("amounts.asOf")}</Table.Th>
              {canEdit && (
                <Table.Th w={48}>
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line) => (
              <Table.Tr key={line.id} data-testid="amount-row" c={line.countsTowardBudget ? undefined : "dimmed"}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={line.countsTowardBudget ? 600 : 400}>
                      {line.label}
                    </Text>
                    {!line.countsTowardBudget && (
                      <Tooltip label={t("amounts.referenceHint")} withinPortal multiline w={280}>
                        <Badge size="xs" color="gray" variant="outline">
                          {t("amounts.reference")}
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                  {line.note && (
                    <Text size="xs" c="dimmed">
                      {line.note}
                    </Text>
                  )}
                </Table.Td>
                <AmountTd yen={line.yen} approximate={line.approximate} />
                <AmountTd yen={line.previousYen} approximate={line.previousApproximate} />
                <DifferenceTd yen={line.differenceYen} approximate={line.differenceApproximate} />
                <Table.Td>
                  <Text size="sm">{sourcesText(line.fundingSources, t)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{line.payer}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{displayDate(line.asOf)}</Text>
                </Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Tooltip label={t("amounts.edit")}>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`${t("amounts.edit")}: ${line.label}`}
                        onClick={() => setEditing(line)}
                        data-testid="amount-edit"
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
      {editing && <AmountLineModal planId={planId} line={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
