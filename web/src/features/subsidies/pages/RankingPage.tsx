import { Anchor, Badge, Card, Select, Table, Text } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { currentFiscalYear } from "../../support/format";
import { StatusBadge } from "../components/StatusBadge";
import { digits, formatYen, frameFor } from "../format";
import { useSubsidyPrograms } from "../queries";
import { useRanking } from "../reviews.queries";

/** The round select's "every round" (the whole-year frame). */
const ALL = "all";

/**
 * 審査順位: a program's (or one round's) applications by average score, with the running total of
 * what is still to be decided against the frame's remaining budget, for the 採択 decision.
 * `?fiscalYear=` finds the program among the year's (the link from the program card sets it).
 */
export function RankingPage() {
  const { t, locale } = useI18n();
  const { programId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const fiscalYear = Number(params.get("fiscalYear") ?? currentFiscalYear()) || currentFiscalYear();
  const roundId = params.get("roundId");
  const program = useSubsidyPrograms(fiscalYear).data?.find((p) => p.id === programId);
  const ranking = useRanking(programId, roundId);
  const frame = program ? frameFor(program, roundId) : undefined;
  const items = ranking.data?.items ?? [];

  const setRound = (value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set("roundId", value);
        else next.delete("roundId");
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <Anchor component={Link} to="/subsidies" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> {t("subsidies.ranking.back")}
      </Anchor>
      <PageHeader
        title={
          program
            ? `${t("subsidies.ranking.title")}: ${program.program.code} ${program.program.name}`
            : t("subsidies.ranking.title")
        }
        description={t("subsidies.ranking.description")}
        actions={
          program && program.rounds.length > 0 ? (
            <Select
              aria-label={t("subsidies.ranking.round")}
              data={[
                { value: ALL, label: t("subsidies.ranking.allRounds") },
                ...program.rounds.map((r) => ({ value: r.id, label: r.name })),
              ]}
              value={roundId ?? ALL}
              onChange={(v) => setRound(v === ALL ? null : v)}
              allowDeselect={false}
              w={230}
              data-testid="ranking-round"
            />
          ) : undefined
        }
      />
      <Card withBorder padding="md">
        {frame && (
          <Text
            size="sm"
            c="dimmed"
            mb="sm"
            data-testid="ranking-remaining"
            data-remaining={digits(frame.remainingYen)}
          >
            {t("subsidies.ranking.remaining", { yen: formatYen(frame.remainingYen, locale) })}
          </Text>
        )}
        <QueryState isPending={ranking.isPending} error={ranking.error}>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed" ta="center" py="md" data-testid="ranking-empty">
              {t("subsidies.ranking.empty")}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing={6} fz="sm" striped data-testid="ranking-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th ta="right">{t("subsidies.ranking.rank")}</Table.Th>
                    <Table.Th>{t("subsidies.ranking.company")}</Table.Th>
                    <Table.Th>{t("subsidies.ranking.application")}</Table.Th>
                    <Table.Th>{t("subsidies.ranking.status")}</Table.Th>
                    <Table.Th ta="right">{t("subsidies.ranking.average")}</Table.Th>
                    <Table.Th ta="right">{t("subsidies.ranking.reviews")}</Table.Th>
                    <Table.Th ta="right">{t("subsidies.ranking.computed")}</Table.Th>
                    <Table.Th ta="right">{t("subsidies.ranking.cumulative")}</Table.Th>
                    <Table.Th>{t("subsidies.ranking.fits")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody style={{ fontVariantNumeric: "tabular-nums" }}>
                  {items.map((r) => (
                    <Table.Tr
                      key={r.applicationId}
                      data-testid="ranking-row"
                      data-rank={r.rank}
                      data-application-id={r.applicationId}
                    >
                      <Table.Td ta="right" fw={700}>
                        {r.rank}
                      </Table.Td>
                      <Table.Td>{r.company}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/subsidies/applications/${r.applicationId}`} size="sm">
                          {r.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={r.status} size="sm" testId="ranking-status" />
                      </Table.Td>
                      <Table.Td ta="right" data-testid="ranking-average">
                        {r.average === null ? "—" : r.average.toFixed(2)}
                      </Table.Td>
                      <Table.Td ta="right">{r.reviews}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                        {formatYen(r.computedYen, locale)}
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: "nowrap" }} data-yen={digits(r.cumulativeYen)}>
                        {formatYen(r.cumulativeYen, locale)}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          color={r.fitsFrame ? "teal" : "red"}
                          variant="light"
                          data-testid="ranking-fits"
                          data-fits={r.fitsFrame}
                        >
                          {r.fitsFrame ? t("subsidies.ranking.fitsYes") : t("subsidies.ranking.fitsNo")}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      </Card>
    </>
  );
}
