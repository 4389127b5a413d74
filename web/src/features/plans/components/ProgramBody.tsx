import { Badge, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import type { ProgramDetail } from "@shien/contracts";
import type { ReactNode } from "react";
import { useI18n } from "../../../lib/i18n";
import { kindLabelKey } from "../labels";
import { AmountsTable } from "./AmountsTable";
import { IndicatorsTable } from "./IndicatorsTable";
import { NotesSection } from "./NotesSection";
import { OutputsList } from "./OutputsList";
import { ProgramStatusBadge } from "./StatusBadges";
import { TermsView } from "./TermsView";

export interface EditScope {
  planId: string;
  /** The user may edit this program's figures now (role, department, and the plan not adopted). */
  canEdit: boolean;
}

type HeadingLevel = 2 | 3 | 4 | 5 | 6;
const deeper = (level: HeadingLevel, by: number) => Math.min(6, level + by) as HeadingLevel;

function Section({
  title,
  level,
  children,
  testId,
}: {
  title: string;
  level: HeadingLevel;
  children: ReactNode;
  testId?: string | undefined;
}) {
  return (
    <Stack gap={6} data-testid={testId}>
      <Title order={level} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** Printed line breaks kept (目的 and 概要 are numbered lines in the documents). */
function Prose({ text }: { text: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: "pre-line" }}>
      {text}
    </Text>
  );
}

/** 取組内容: the printed numbering stays; sub-items (transcribed with a leading ・) are indented under theirs. */
function Activities({ items }: { items: readonly string[] }) {
  return (
    <Stack gap={4}>
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: printed order, no ids
        <Text key={index} size="sm" pl={item.startsWith("・") ? "lg" : 0}>
          {item}
        </Text>
      ))}
    </Stack>
  );
}

export function KindBadges({ kinds }: { kinds: ProgramDetail["kinds"] }) {
  const { t } = useI18n();
  return (
    <Group gap={4}>
      {kinds.map((k) => (
        <Badge key={k} size="sm" variant="light" color="indigo">
          {t(kindLabelKey[k])}
        </Badge>
      ))}
    </Group>
  );
}

/** Everything a program states, in the document's order; sub-programs (①②) nest as cards with the same sections. */
export function ProgramBody({
  program,
  scope,
  level = 2,
}: {
  program: ProgramDetail;
  scope: EditScope;
  /** Heading level of this body's sections: 2 on the page, deeper inside sub-program cards. */
  level?: HeadingLevel;
}) {
  const { t } = useI18n();
  const code = program.code;
  return (
    <Stack gap="lg">
      {program.purpose && (
        <Section level={level} title={t("program.purpose")} testId={`program-purpose-${code}`}>
          <Prose text={program.purpose} />
        </Section>
      )}
      {program.summary && (
        <Section level={level} title={t("program.summary")} testId={`program-summary-${code}`}>
          <Prose text={program.summary} />
        </Section>
      )}
      {program.points.length > 0 && (
        <Section level={level} title={t("program.points")} testId={`program-points-${code}`}>
          <List size="sm" spacing={4}>
            {program.points.map((point, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: printed order, no ids
              <List.Item key={index}>{point}</List.Item>
            ))}
          </List>
        </Section>
      )}
      {program.activities.length > 0 && (
        <Section level={level} title={t("program.activities")} testId={`program-activities-${code}`}>
          <Activities items={program.activities} />
        </Section>
      )}
      {program.amounts.length > 0 && (
        <Section level={level} title={t("amounts.title")}>
          <AmountsTable planId={scope.planId} lines={program.amounts} canEdit={scope.canEdit} />
        </Section>
      )}
      {program.indicators.length > 0 && (
        <Section level={level} title={t("indicators.title")}>
          <IndicatorsTable planId={scope.planId} indicators={program.indicators} canEdit={scope.canEdit} />
        </Section>
      )}
      {program.outputs.length > 0 && (
        <Section level={level} title={t("program.outputs")}>
          <OutputsList outputs={program.outputs} />
        </Section>
      )}
      {program.terms && (
        <Section level={level} title={t("terms.title")}>
          <TermsView terms={program.terms} />
        </Section>
      )}
      {program.subPrograms.length > 0 && (
        <Section level={level} title={t("program.subPrograms")}>
          <Stack gap="md">
            {program.subPrograms.map((sub) => (
              <Card key={sub.id} withBorder padding="md" bg="gray.0" data-testid={`subprogram-${sub.code}`}>
                <Group gap="sm" mb="md" align="center">
                  <Title order={deeper(level, 1)} size="h4">
                    {sub.numbering} {sub.name}
                  </Title>
                  <ProgramStatusBadge status={sub.status} />
                  <KindBadges kinds={sub.kinds} />
                </Group>
                <ProgramBody program={sub} scope={scope} level={deeper(level, 2)} />
              </Card>
            ))}
          </Stack>
        </Section>
      )}
      <NotesSection
        title={t("program.notes", { count: program.notes.length })}
        notes={program.notes}
        testId={`program-notes-${program.code}`}
      />
    </Stack>
  );
}
