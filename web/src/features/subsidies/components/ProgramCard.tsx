import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { SessionUser, SubsidyProgram, SubsidyVariant } from "@shien/contracts";
import { IconCalendarPlus, IconChecklist, IconFilePlus, IconList, IconTrophy } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { type Translate, useI18n } from "../../../lib/i18n";
import { usePrograms } from "../../support/shared/queries";
import { canConfigureSubsidy, canRecordSubsidy } from "../access";
import { formatRate, formatSen, limitsSummary, yearFrame } from "../format";
import { unitLabelKey } from "../labels";
import { FrameBar } from "./FrameBar";

/**
 * One subsidy program of the year: its terms as configured (rate, caps and floors, courses and
 * types, expense categories), its budget frame and its 公募回.
 */
export function ProgramCard({
  program: p,
  user,
  onAddRound,
  onEditRubric,
}: {
  program: SubsidyProgram;
  user: SessionUser | undefined;
  onAddRound: () => void;
  onEditRubric?: () => void;
}) {
  const { t, locale, displayDate } = useI18n();
  const terms = p.terms;
  const frame = yearFrame(p);
  // The plan's programs name the 派遣 program a prior step points at (dispatch:I-1-7-1).
  const programs = usePrograms(p.fiscalYear).data;
  const programName = (code: string) => programs?.find((x) => x.code === code)?.name;
  const variants = [
    ...(terms.courses ?? []).map((v) => ({ kind: t("subsidies.terms.course"), v })),
    ...(terms.types ?? []).map((v) => ({ kind: t("subsidies.terms.type"), v })),
  ];
  const newPath = `/subsidies/applications/new?programId=${encodeURIComponent(p.id)}`;
  const listPath = `/subsidies/applications?programId=${encodeURIComponent(p.id)}`;

  const fact = (label: string, value: string, testId?: string) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId}>
        {value}
      </Text>
    </div>
  );

  return (
    <Card withBorder padding="md" data-testid="subsidy-program-row" data-program-code={p.program.code}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <div>
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              {p.program.code}
            </Badge>
            <Title order={2} size="h4">
              {p.program.name}
            </Title>
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {t("subsidies.program.department", { name: p.department.name })}
          </Text>
        </div>
        <Group gap="xs">
          <Button
            component={Link}
            to={listPath}
            variant="subtle"
            size="xs"
            leftSection={<IconList size={14} />}
            data-testid="subsidy-program-applications"
          >
            {t("subsidies.program.applications")}
          </Button>
          <Button
            component={Link}
            to={`/subsidies/programs/${encodeURIComponent(p.id)}/ranking?fiscalYear=${p.fiscalYear}`}
            variant="subtle"
            size="xs"
            leftSection={<IconTrophy size={14} />}
            data-testid="subsidy-program-ranking"
          >
            {t("subsidies.ranking.link")}
          </Button>
          {onEditRubric && canConfigureSubsidy(user, p.department.id) && (
            <Button
              variant="light"
              size="xs"
              leftSection={<IconChecklist size={14} />}
              onClick={onEditRubric}
              data-testid="subsidy-program-rubric"
            >
              {t("subsidies.rubric.button")}
            </Button>
          )}
          {canConfigureSubsidy(user, p.department.id) && (
            <Button
              variant="light"
              size="xs"
              leftSection={<IconCalendarPlus size={14} />}
              onClick={onAddRound}
              data-testid="subsidy-round-add"
            >
              {t("subsidies.round.add")}
            </Button>
          )}
          {canRecordSubsidy(user, p.department.id) && (
            <Button
              component={Link}
              to={newPath}
              size="xs"
              leftSection={<IconFilePlus size={14} />}
              data-testid="subsidy-program-new-application"
            >
              {t("subsidies.applications.new")}
            </Button>
          )}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">
          <Group gap="xl" wrap="wrap">
            {fact(
              t("subsidies.terms.rate"),
              terms.rate ? formatRate(terms.rate) : t("subsidies.terms.byVariant"),
              "subsidy-program-rate",
            )}
            {terms.capYen !== undefined && fact(t("subsidies.terms.cap"), formatSen(terms.capYen, locale))}
            {terms.floorYen !== undefined && fact(t("subsidies.terms.floor"), formatSen(terms.floorYen, locale))}
            {terms.eligibleCostCapYen !== undefined &&
              fact(t("subsidies.terms.eligibleCostCap"), formatSen(terms.eligibleCostCapYen, locale))}
            {terms.perCompanyCapYen !== undefined &&
              fact(t("subsidies.terms.perCompanyCap"), formatSen(terms.perCompanyCapYen, locale))}
            {fact(t("subsidies.terms.unit"), t(unitLabelKey[terms.unitYen]))}
            {(terms.eligibleSizeClasses || terms.requiresPriorStep) &&
              fact(t("subsidies.terms.eligible"), eligibility(terms, t, programName))}
          </Group>
          {variants.length > 0 && (
            <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="subsidy-program-variants">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("subsidies.terms.variant")}</Table.Th>
                  <Table.Th>{t("subsidies.terms.limits")}</Table.Th>
                  <Table.Th>{t("subsidies.terms.eligible")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {variants.map(({ kind, v }) => (
                  <Table.Tr key={`${kind}:${v.code}`}>
                    <Table.Td>
                      <Text size="sm">{v.name[locale]}</Text>
                      <Text size="xs" c="dimmed">
                        {kind}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ fontVariantNumeric: "tabular-nums" }}>
                      {limitsSummary(terms, [v], t, locale)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{eligibility(v, t, programName)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {terms.categories && terms.categories.length > 0 && (
            <div>
              <Text size="xs" c="dimmed" mb={4}>
                {t("subsidies.terms.categories")}
              </Text>
              <Group gap={6}>
                {terms.categories.map((c) => (
                  <Badge key={c.code} variant="light" color="gray" tt="none">
                    {c.name[locale]}
                    {c.capYen !== undefined &&
                      `（${t("subsidies.terms.capShort", { yen: formatSen(c.capYen, locale) })}）`}
                  </Badge>
                ))}
              </Group>
            </div>
          )}
          {terms.text && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
              {terms.text}
            </Text>
          )}
        </Stack>

        <Stack gap="sm">
          {frame ? (
            <FrameBar frame={frame} />
          ) : (
            <Text size="sm" c="dimmed" data-testid="subsidy-frame-none">
              {t("subsidies.frame.none")}
            </Text>
          )}
          <div>
            <Text size="xs" c="dimmed" mb={4}>
              {t("subsidies.round.title")}
            </Text>
            {p.rounds.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="subsidy-rounds-empty">
                {t("subsidies.round.empty")}
              </Text>
            ) : (
              <Table verticalSpacing={4} fz="sm" data-testid="subsidy-rounds">
                <Table.Tbody>
                  {p.rounds.map((r) => {
                    const roundFrame = p.frames.find((f) => f.roundId === r.id);
                    return (
                      <Table.Tr key={r.id} data-testid="subsidy-round" data-round-id={r.id}>
                        <Table.Td fw={500} style={{ whiteSpace: "nowrap" }}>
                          {r.name}
                        </Table.Td>
                        <Table.Td>
                          {t("subsidies.round.window", {
                            from: displayDate(r.opensOn),
                            to: displayDate(r.closesOn),
                          })}
                          {r.preStartAllowed && (
                            <Badge ml="xs" size="xs" variant="light" color="teal">
                              {t("subsidies.round.preStart")}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                          {roundFrame &&
                            t("subsidies.round.frameRemaining", { yen: formatSen(roundFrame.remainingYen, locale) })}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
          </div>
        </Stack>
      </SimpleGrid>
    </Card>
  );
}

/** Who may apply under this course or type (小規模企業等のみ …) and the required prior step. */
function eligibility(
  v: Pick<SubsidyVariant, "eligibleSizeClasses" | "requiresPriorStep">,
  t: Translate,
  programName: (code: string) => string | undefined,
): string {
  const parts: string[] = [];
  if (v.eligibleSizeClasses) {
    parts.push(v.eligibleSizeClasses.map((s) => t(`company.size.${s}`)).join(t("common.listSeparator")));
  }
  if (v.requiresPriorStep) parts.push(priorStepText(v.requiresPriorStep, t, programName));
  return parts.join(" / ") || "—";
}

/**
 * The prior step in words. The terms store it as a rule ("dispatch:I-1-7-1", optionally
 * "/<枠名>"), which means nothing to staff: 「専門家派遣（I-1-7-1 専門家派遣事業）の利用」.
 */
function priorStepText(step: string, t: Translate, programName: (code: string) => string | undefined): string {
  const m = /^dispatch:([^/]+)(?:\/(.+))?$/.exec(step);
  if (!m) return t("subsidies.terms.priorStep", { step });
  const code = m[1] as string;
  const program = [code, programName(code)].filter(Boolean).join(" ");
  const target = m[2] ? t("subsidies.terms.priorDispatchFrame", { program, frame: m[2] }) : program;
  return t("subsidies.terms.priorDispatch", { program: target });
}
