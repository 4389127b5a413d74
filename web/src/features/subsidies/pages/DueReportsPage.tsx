import { Anchor, Badge, Card, Select, Table, Text } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router-dom";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { type ReportDue, useReportsDue } from "../attachment-queries";
import { digits, formatYen } from "../format";

const WITHIN = [7, 14, 30, 60, 90] as const;

/** 実績報告の期限: decided grants whose results report is due soon or overdue, the overdue first. */
export function DueReportsPage() {
  const { t, locale, displayDate } = useI18n();
  const [within, setWithin] = useState<number>(30);
  const due = useReportsDue(within);
  const items = due.data?.items ?? [];

  const left = (r: ReportDue) => {
    if (r.overdue) {
      return (
        <Badge color="red" variant="filled" data-testid="due-overdue">
          {t("subsidies.reportsDue.overdue", { days: -r.daysLeft })}
        </Badge>
      );
    }
    if (r.daysLeft === 0) {
      return (
        <Badge color="orange" variant="light">
          {t("subsidies.reportsDue.today")}
        </Badge>
      );
    }
    return (
      <Badge color={r.daysLeft <= 7 ? "yellow" : "gray"} variant="light">
        {t("subsidies.reportsDue.daysLeft", { days: r.daysLeft })}
      </Badge>
    );
  };

  return (
    <>
      <Anchor component={Link} to="/subsidies" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> {t("subsidies.title")}
      </Anchor>
      <PageHeader
        title={t("subsidies.reportsDue.title")}
        description={t("subsidies.reportsDue.description")}
        actions={
          <Select
            aria-label={t("subsidies.reportsDue.within")}
            data={WITHIN.map((d) => ({ value: String(d), label: t("subsidies.reportsDue.withinDays", { days: d }) }))}
            value={String(within)}
            onChange={(v) => setWithin(Number(v ?? 30))}
            allowDeselect={false}
            w={160}
            data-testid="due-within"
          />
        }
      />
      <Card withBorder padding="md">
        <QueryState isPending={due.isPending} error={due.error}>
          {items.length === 0 ? (
            <Text c="dimmed" ta="center" py="lg" data-testid="due-empty">
              {t("subsidies.reportsDue.empty")}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing={6} striped data-testid="due-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("subsidies.reportsDue.due")}</Table.Th>
                    <Table.Th>{t("subsidies.reportsDue.left")}</Table.Th>
                    <Table.Th>{t("subsidies.reportsDue.company")}</Table.Th>
                    <Table.Th>{t("subsidies.reportsDue.application")}</Table.Th>
                    <Table.Th>{t("subsidies.program")}</Table.Th>
                    <Table.Th ta="right">{t("subsidies.reportsDue.decided")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((r) => (
                    <Table.Tr
                      key={r.id}
                      data-testid="due-row"
                      data-overdue={r.overdue ? "true" : "false"}
                      bg={r.overdue ? "var(--mantine-color-red-light)" : undefined}
                    >
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{displayDate(r.reportDueOn)}</Table.Td>
                      <Table.Td data-testid="due-days" data-days={r.daysLeft}>
                        {left(r)}
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/companies/${r.company.id}`} size="sm">
                          {r.company.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/subsidies/applications/${r.id}`} size="sm" fw={600}>
                          {r.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {r.program.code} {r.program.name}
                        </Text>
                      </Table.Td>
                      <Table.Td
                        ta="right"
                        style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}
                        data-yen={digits(r.decidedYen)}
                      >
                        {formatYen(r.decidedYen, locale)}
                        {r.decidedOn && (
                          <Text size="xs" c="dimmed">
                            {displayDate(r.decidedOn)}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {due.data && due.data.total > items.length && (
            <Text size="sm" c="dimmed" mt="sm">
              {t("subsidies.reportsDue.more", { count: due.data.total - items.length, shown: items.length })}
            </Text>
          )}
        </QueryState>
      </Card>
    </>
  );
}
