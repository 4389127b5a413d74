import { Button, Select, Stack, Text } from "@mantine/core";
import type { SubsidyProgram } from "@shien/contracts";
import { IconAlarm, IconList } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router-dom";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { fiscalYearLabel } from "../../../lib/numbers";
import { useMe } from "../../auth/queries";
import { currentFiscalYear } from "../../support/format";
import { ProgramCard } from "../components/ProgramCard";
import { RoundModal } from "../components/RoundModal";
import { RubricModal } from "../components/RubricModal";
import { useSubsidyPrograms } from "../queries";

/** 補助金: the year's subsidy programs, their terms, budget frames and 公募回. */
export function SubsidyProgramsPage() {
  const { t } = useI18n();
  const user = useMe().data?.user;
  const thisYear = currentFiscalYear();
  const [fiscalYear, setFiscalYear] = useState(thisYear);
  const programs = useSubsidyPrograms(fiscalYear);
  const [addingRoundTo, setAddingRoundTo] = useState<SubsidyProgram | null>(null);
  const [rubricOf, setRubricOf] = useState<SubsidyProgram | null>(null);
  const items = programs.data ?? [];

  return (
    <>
      <PageHeader
        title={t("subsidies.title")}
        description={t("subsidies.description")}
        actions={
          <>
            <Select
              aria-label={t("support.fiscalYear")}
              data={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({
                value: String(y),
                label: fiscalYearLabel(y),
              }))}
              value={String(fiscalYear)}
              onChange={(v) => setFiscalYear(Number(v ?? thisYear))}
              allowDeselect={false}
              w={230}
              data-testid="subsidies-fiscal-year"
            />
            <Button
              component={Link}
              to="/subsidies/applications"
              variant="light"
              leftSection={<IconList size={16} />}
              data-testid="subsidies-applications"
            >
              {t("subsidies.applications.title")}
            </Button>
            <Button
              component={Link}
              to="/subsidies/reports-due"
              variant="light"
              leftSection={<IconAlarm size={16} />}
              data-testid="subsidies-reports-due"
            >
              {t("subsidies.reportsDue.link")}
            </Button>
          </>
        }
      />
      <QueryState isPending={programs.isPending} error={programs.error}>
        {items.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg" data-testid="subsidy-programs-empty">
            {t("subsidies.programs.empty")}
          </Text>
        ) : (
          <Stack>
            {items.map((p) => (
              <ProgramCard
                key={p.id}
                program={p}
                user={user}
                onAddRound={() => setAddingRoundTo(p)}
                onEditRubric={() => setRubricOf(p)}
              />
            ))}
          </Stack>
        )}
      </QueryState>
      {addingRoundTo && (
        // The card's data is refetched after the add; the modal keeps the program it opened with.
        <RoundModal program={addingRoundTo} onClose={() => setAddingRoundTo(null)} />
      )}
      {rubricOf && <RubricModal program={rubricOf} onClose={() => setRubricOf(null)} />}
    </>
  );
}
