import { Anchor, Group, Table, Text, Tooltip } from "@mantine/core";
import type { PlanTreeNode, ProgramSummary } from "@shien/contracts";
import { Link } from "react-router-dom";
import { useI18n } from "../../../lib/i18n";
import { sourcesText } from "../labels";
import { AmountTd, DifferenceTd, NumTh } from "./NumberCells";
import { ProgramStatusBadge } from "./StatusBadges";

interface Row {
  node: PlanTreeNode;
  depth: number;
}

/** The tree in document order, each node with its depth. */
function flatten(nodes: readonly PlanTreeNode[], depth = 0): Row[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flatten(node.children, depth + 1)]);
}

const INDENT_REM = 1.25;

/** Rough printed width of a numbering in em (full-width 【】（） count 1, ASCII digits ~0.6), so names line up. */
function numberingWidthEm(numbering: string): number {
  return [...numbering].reduce((width, ch) => width + ((ch.codePointAt(0) ?? 0) > 0xff ? 1 : 0.6), 0);
}
const COLUMNS = 6;

/**
 * A program with no budget line at all (the document prints no figure, e.g. facility management)
 * sums to 0 with nothing to compare; it is shown as "not stated" rather than as a budget of 0.
 */
function statesNoFigure(p: ProgramSummary): boolean {
  return p.budgetYen === 0 && p.previousYen === null && p.differenceYen === null && p.fundingSources.length === 0;
}

/** 事業体系: groups, programs and 再掲 rows, indented as in the document. Amounts in 千円. */
export function PlanTreeTable({ planId, tree }: { planId: string; tree: readonly PlanTreeNode[] }) {
  const { t } = useI18n();
  const programLink = (code: string) => `/plans/${planId}/programs/${encodeURIComponent(code)}`;
  const rows = flatten(tree);
  const numbered = rows.filter((r) => r.node.kind !== "group").map((r) => numberingWidthEm(r.node.numbering));
  const numberingWidth = `${Math.max(0, ...numbered) + 0.25}em`;

  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing={6} highlightOnHover withTableBorder withColumnBorders data-testid="plan-tree">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("plans.program")}</Table.Th>
            <Table.Th w={210}>{t("plans.departments")}</Table.Th>
            <Table.Th w={110}>{t("plans.fundingSources")}</Table.Th>
            <NumTh w={110}>{t("plans.budget")}</NumTh>
            <NumTh w={110}>{t("plans.previous")}</NumTh>
            <NumTh w={110}>{t("plans.difference")}</NumTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ node, depth }) => {
            const indent = {
              paddingLeft: `calc(var(--table-horizontal-spacing, var(--mantine-spacing-xs)) + ${depth * INDENT_REM}rem)`,
            };
            if (node.kind === "group") {
              return (
                <Table.Tr key={node.id} bg={depth === 0 ? "gray.1" : "gray.0"} data-testid="plan-group">
                  <Table.Td colSpan={COLUMNS} style={indent}>
                    <Text fw={700} size="sm">
                      {node.numbering} {node.title}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            }
            const p = node.program;
            if (node.kind === "reference") {
              return (
                <Table.Tr key={node.id} data-testid={`plan-ref-${p?.code ?? node.id}`}>
                  <Table.Td colSpan={COLUMNS} style={indent}>
                    <Group gap={6} wrap="nowrap" align="baseline">
                      <Text size="sm" c="dimmed" span style={{ whiteSpace: "nowrap", minWidth: numberingWidth }}>
                        {node.numbering}
                      </Text>
                      <Tooltip label={t("plans.referenceHint")} withinPortal>
                        {p ? (
                          <Anchor component={Link} to={programLink(p.code)} c="dimmed" size="sm">
                            {node.title ?? p.name}
                          </Anchor>
                        ) : (
                          <Text size="sm" c="dimmed" span>
                            {node.title}
                          </Text>
                        )}
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            }
            if (!p) return null;
            const noFigure = statesNoFigure(p);
            return (
              <Table.Tr key={node.id} data-testid={`plan-row-${p.code}`}>
                <Table.Td style={indent}>
                  <Group gap={6} wrap="nowrap" align="baseline">
                    <Text size="sm" span style={{ whiteSpace: "nowrap", minWidth: numberingWidth }}>
                      {node.numbering}
                    </Text>
                    <Anchor component={Link} to={programLink(p.code)} size="sm" data-testid="program-link">
                      {p.name}
                    </Anchor>
                    <ProgramStatusBadge status={p.status} onlyChanges />
                  </Group>
                </Table.Td>
                <Table.Td>
                  {p.departments.map((d) => (
                    <Text key={d.id} size="sm">
                      {d.name}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{sourcesText(p.fundingSources, t)}</Text>
                </Table.Td>
                {noFigure ? (
                  <Table.Td colSpan={3} ta="right">
                    <Text size="sm" c="dimmed">
                      {t("plans.noFigure")}
                    </Text>
                  </Table.Td>
                ) : (
                  <>
                    <AmountTd yen={p.budgetYen} />
                    <AmountTd yen={p.previousYen} />
                    <DifferenceTd yen={p.differenceYen} approximate={p.differenceApproximate} />
                  </>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
