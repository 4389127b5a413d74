import { Anchor, Badge, Checkbox, Table, Text, Tooltip } from "@mantine/core";
import type { Company } from "@shien/contracts";
import { Link } from "react-router-dom";
import { useI18n } from "../../../lib/i18n";

/** How many of these records share each entity key (名寄せ). */
export function entitySizes(companies: readonly Company[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const c of companies) if (c.entityKey) sizes.set(c.entityKey, (sizes.get(c.entityKey) ?? 0) + 1);
  return sizes;
}

export function location(c: Company): string {
  if (!c.address) return c.prefecture ?? "";
  return c.prefecture && !c.address.startsWith(c.prefecture) ? `${c.prefecture}${c.address}` : c.address;
}

interface CompaniesTableProps {
  companies: Company[];
  /** Absent for viewers: no checkboxes. */
  selected?: Set<string> | undefined;
  onToggle?: ((id: string) => void) | undefined;
  onTogglePage?: (() => void) | undefined;
}

export function CompaniesTable({ companies, selected, onToggle, onTogglePage }: CompaniesTableProps) {
  const { t } = useI18n();
  const sizes = entitySizes(companies);
  const selectable = selected !== undefined && onToggle !== undefined;
  const pageSelected = selectable && companies.length > 0 && companies.every((c) => selected.has(c.id));
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="companies-table">
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={40}>
                <Checkbox aria-label={t("companies.selectPage")} checked={pageSelected} onChange={onTogglePage} />
              </Table.Th>
            )}
            <Table.Th>{t("companies.col.name")}</Table.Th>
            <Table.Th>{t("companies.col.kana")}</Table.Th>
            <Table.Th>{t("companies.col.corporateNumber")}</Table.Th>
            <Table.Th>{t("companies.col.location")}</Table.Th>
            <Table.Th>{t("companies.col.phone")}</Table.Th>
            <Table.Th>{t("companies.col.entity")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {companies.map((c) => {
            const size = c.entityKey ? (sizes.get(c.entityKey) ?? 1) : 1;
            return (
              <Table.Tr key={c.id} data-testid="company-row" data-company-id={c.id}>
                {selectable && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t("companies.select", { name: c.name })}
                      checked={selected.has(c.id)}
                      onChange={() => onToggle(c.id)}
                      data-testid="company-select"
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <Anchor component={Link} to={`/companies/${c.id}`} fw={600} data-testid="company-link">
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.nameKana}</Text>
                </Table.Td>
                <Table.Td style={{ fontVariantNumeric: "tabular-nums" }}>{c.corporateNumber}</Table.Td>
                <Table.Td>{location(c)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{c.phone}</Table.Td>
                <Table.Td>
                  {size > 1 && (
                    <Tooltip label={t("companies.entityBadgeHint")}>
                      <Badge variant="light" color="violet" data-testid="entity-badge">
                        {t("companies.entityBadge", { count: size })}
                      </Badge>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
