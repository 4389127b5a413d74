import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { SubsidyApplicationInput, SubsidyProgram, SubsidyTaxTreatment } from "@shien/contracts";
import { IconArrowLeft, IconInfoCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { FormError } from "../../../components/FormError";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { fiscalYearLabel } from "../../../lib/numbers";
import { useMe } from "../../auth/queries";
import { currentFiscalYear, todayInTokyo } from "../../support/format";
import { CompanyPicker, type CompanyRef } from "../../support/shared/CompanyPicker";
import { detailsUnder, errorUnder } from "../../support/shared/field-error";
import { canRecordSubsidy } from "../access";
import { ExpenseLinesEditor, emptyLine, type LineValue, toLines } from "../components/ExpenseLinesEditor";
import { TermsSummary } from "../components/TermsSummary";
import { effectiveLimits, findVariant, formatYen, limitsSummary, yearFrame } from "../format";
import { TAX_TREATMENTS, taxTreatmentLabelKey } from "../labels";
import { useCreateApplication, useSubsidyPrograms } from "../queries";

const APPLICATION_FIELDS = [
  "subsidyProgramId",
  "roundId",
  "companyId",
  "title",
  "course",
  "type",
  "taxTreatment",
  "taxIncluded",
  "lines",
  "receivedOn",
  "preStartApprovedOn",
];

/** 申請受付: staff of the program's 担当課 enter an application; the server computes the amount. */
export function NewApplicationPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const fiscalYear = currentFiscalYear();
  const user = useMe().data?.user;
  const programs = useSubsidyPrograms(fiscalYear);
  const mine = (programs.data ?? []).filter((p) => canRecordSubsidy(user, p.department.id));
  return (
    <>
      <Anchor component={Link} to="/subsidies/applications" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> {t("subsidies.applications.back")}
      </Anchor>
      <PageHeader
        title={t("subsidies.new.title")}
        description={t("subsidies.new.description", { year: fiscalYearLabel(fiscalYear) })}
      />
      <QueryState isPending={programs.isPending} error={programs.error}>
        {mine.length === 0 ? (
          <Alert color="yellow" icon={<IconInfoCircle size={18} />} data-testid="application-no-programs">
            {t("subsidies.new.noPrograms")}
          </Alert>
        ) : (
          <ApplicationForm programs={mine} initialProgramId={params.get("programId")} />
        )}
      </QueryState>
    </>
  );
}

function ApplicationForm({
  programs,
  initialProgramId,
}: {
  programs: SubsidyProgram[];
  initialProgramId: string | null;
}) {
  const { t, locale, displayDate } = useI18n();
  const navigate = useNavigate();
  const create = useCreateApplication();
  const error = create.error;
  const [programId, setProgramId] = useState<string | null>(
    programs.find((p) => p.id === initialProgramId)?.id ?? (programs.length === 1 ? (programs[0]?.id ?? null) : null),
  );
  const program = programs.find((p) => p.id === programId);
  const terms = program?.terms;
  const single = (list: { code: string }[] | undefined) => (list?.length === 1 ? (list[0]?.code ?? null) : null);
  const [roundId, setRoundId] = useState<string | null>(null);
  const [company, setCompany] = useState<CompanyRef | null>(null);
  const [title, setTitle] = useState("");
  const [course, setCourse] = useState<string | null>(single(terms?.courses));
  const [type, setType] = useState<string | null>(single(terms?.types));
  const [taxTreatment, setTaxTreatment] = useState<SubsidyTaxTreatment>("standard");
  const [taxIncluded, setTaxIncluded] = useState(false);
  const [lines, setLines] = useState<LineValue[]>(() => [emptyLine()]);
  const [receivedOn, setReceivedOn] = useState(todayInTokyo());
  const [preStartOn, setPreStartOn] = useState("");

  const round = program?.rounds.find((r) => r.id === roundId);
  const courseVariant = findVariant(terms?.courses, course);
  const typeVariant = findVariant(terms?.types, type);
  const limits = terms ? effectiveLimits(terms, courseVariant, typeVariant) : undefined;

  const chooseProgram = (id: string | null) => {
    const next = programs.find((p) => p.id === id);
    setProgramId(id);
    setRoundId(null);
    setCourse(single(next?.terms.courses));
    setType(single(next?.terms.types));
    setPreStartOn("");
    // Categories belong to the program: lines keep their amounts, not another program's categories.
    setLines((ls) => ls.map((l) => ({ ...l, category: null })));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: SubsidyApplicationInput = {
      subsidyProgramId: programId ?? "",
      roundId,
      companyId: company?.id ?? "",
      title: title.trim(),
      taxTreatment,
      taxIncluded,
      lines: toLines(lines),
      receivedOn,
      preStartApprovedOn: preStartOn || null,
    };
    if (course) body.course = course;
    if (type) body.type = type;
    create.mutate(body, {
      onSuccess: (a) => {
        notifications.show({
          color: "green",
          message: t("subsidies.new.created", { company: a.company.name, yen: formatYen(a.computedYen, locale) }),
        });
        navigate(`/subsidies/applications/${a.id}`);
      },
    });
  };

  const variantOptions = (list: NonNullable<typeof terms>["courses"]) =>
    terms
      ? (list ?? []).map((v) => ({
          value: v.code,
          label: `${v.name[locale]}（${limitsSummary(terms, [v], t, locale)}）`,
        }))
      : [];

  return (
    <Card withBorder padding="lg" maw={1100}>
      <form onSubmit={submit} data-testid="application-form">
        <Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Select
              label={t("subsidies.program")}
              data={programs.map((p) => ({ value: p.id, label: `${p.program.code} ${p.program.name}` }))}
              value={programId}
              onChange={chooseProgram}
              required
              searchable
              error={errorUnder(error, "subsidyProgramId")}
              data-testid="application-program"
            />
            {program && program.rounds.length > 0 ? (
              <Select
                label={t("subsidies.round.label")}
                description={t("subsidies.round.pickHint")}
                data={program.rounds.map((r) => ({
                  value: r.id,
                  label: `${r.name}（${displayDate(r.opensOn)}～${displayDate(r.closesOn)}）`,
                }))}
                value={roundId}
                onChange={(v) => {
                  setRoundId(v);
                  setPreStartOn("");
                }}
                clearable
                error={errorUnder(error, "roundId")}
                data-testid="application-round"
              />
            ) : (
              <div />
            )}
          </SimpleGrid>
          {program && <TermsSummary program={program} frame={yearFrame(program)} />}
          <CompanyPicker
            value={company}
            onChange={setCompany}
            allowCreate
            required
            error={errorUnder(error, "companyId")}
            testId="application-company"
          />
          <TextInput
            label={t("subsidies.applicationTitle")}
            description={t("subsidies.applicationTitleHint")}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            maxLength={200}
            error={errorUnder(error, "title")}
            data-testid="application-title"
          />
          {terms && ((terms.courses?.length ?? 0) > 0 || (terms.types?.length ?? 0) > 0) && (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {(terms.courses?.length ?? 0) > 0 && (
                <Select
                  label={t("subsidies.terms.course")}
                  data={variantOptions(terms.courses)}
                  value={course}
                  onChange={setCourse}
                  required
                  error={errorUnder(error, "course")}
                  data-testid="application-course"
                />
              )}
              {(terms.types?.length ?? 0) > 0 && (
                <Select
                  label={t("subsidies.terms.type")}
                  data={variantOptions(terms.types)}
                  value={type}
                  onChange={setType}
                  required
                  error={errorUnder(error, "type")}
                  data-testid="application-type"
                />
              )}
            </SimpleGrid>
          )}
          {/* With both a course and a type, what applies is the two merged (the options show each alone). */}
          {terms && courseVariant && typeVariant && (
            <Text size="sm" c="dimmed" data-testid="application-limits">
              {t("subsidies.new.limits", { limits: limitsSummary(terms, [courseVariant, typeVariant], t, locale) })}
            </Text>
          )}
          <Group align="flex-end" gap="lg">
            <Select
              label={t("subsidies.taxTreatment")}
              data={TAX_TREATMENTS.map((v) => ({ value: v, label: t(taxTreatmentLabelKey[v]) }))}
              value={taxTreatment}
              onChange={(v) => setTaxTreatment((v as SubsidyTaxTreatment | null) ?? "standard")}
              allowDeselect={false}
              w={240}
              error={errorUnder(error, "taxTreatment")}
              data-testid="application-tax-treatment"
            />
            <Checkbox
              label={t("subsidies.taxIncluded")}
              checked={taxIncluded}
              onChange={(e) => setTaxIncluded(e.currentTarget.checked)}
              mb={8}
              data-testid="application-tax-included"
            />
          </Group>
          <Text size="xs" c="dimmed" mt={-8}>
            {t(
              taxTreatment === "standard" ? "subsidies.taxTreatment.standardHint" : "subsidies.taxTreatment.exemptHint",
            )}
          </Text>
          <ExpenseLinesEditor
            lines={lines}
            onChange={setLines}
            categories={limits?.categories}
            inheritTaxIncluded={taxIncluded}
            error={error}
            testPrefix="application"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="date"
              label={t("subsidies.receivedOn")}
              value={receivedOn}
              onChange={(e) => setReceivedOn(e.currentTarget.value)}
              required
              error={errorUnder(error, "receivedOn")}
              data-testid="application-received-on"
            />
            {round?.preStartAllowed && (
              <TextInput
                type="date"
                label={t("subsidies.preStartApprovedOn")}
                description={t("subsidies.preStartHint")}
                value={preStartOn}
                onChange={(e) => setPreStartOn(e.currentTarget.value)}
                error={errorUnder(error, "preStartApprovedOn")}
                data-testid="application-pre-start-on"
              />
            )}
          </SimpleGrid>
          <FormError error={error} fields={detailsUnder(error, APPLICATION_FIELDS)} testId="application-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate("/subsidies/applications")}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="application-submit">
              {t("subsidies.new.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
