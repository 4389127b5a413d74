import {
  Fieldset,
  Input,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { SessionUser, SupportProgramDto } from "@shien/contracts";
import { useI18n } from "../../../../lib/i18n";
import { fiscalYearOf } from "../../format";
import {
  CHANNELS,
  CHANNELS_WITH_LOCATION,
  CONSULTATION_STATUSES,
  channelLabelKey,
  consultationStatusLabelKey,
} from "../../labels";
import { errorUnder } from "../../shared/field-error";
import { ProgramSelect } from "../../shared/ProgramSelect";
import { usePrograms, useStaffOptions, useVocab, vocabOptions } from "../../shared/queries";
import { defaultDepartment, RecordDepartmentSelect } from "../../shared/RecordDepartmentSelect";
import { SubjectFields } from "../../shared/SubjectFields";
import type { ConsultationFormValues } from "../form-values";
import { VisitFields } from "./VisitFields";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Every field of a consultation or visit record; server details are shown beside the field they name. */
export function ConsultationFields({
  values,
  onChange,
  error,
  user,
  keepStaff = [],
}: {
  values: ConsultationFormValues;
  onChange: (next: ConsultationFormValues) => void;
  error: unknown;
  user: SessionUser | undefined;
  /** Staff already on the record, offered even when the reader may not list them. */
  keepStaff?: { id: string; name: string }[];
}) {
  const { t } = useI18n();
  const set = (patch: Partial<ConsultationFormValues>) => onChange({ ...values, ...patch });
  // The programs offered are those of the year the date falls in (a record of March is last year's).
  const fiscalYear = isoDate.test(values.occurredOn) ? fiscalYearOf(values.occurredOn) : null;
  const programs = usePrograms(fiscalYear);
  const program = programs.data?.find((p) => p.id === values.programId) ?? null;
  const staff = useStaffOptions(keepStaff);
  const topics = vocabOptions(useVocab("topic").data, values.topics);
  const chooseProgram = (p: SupportProgramDto | null) =>
    set({ programId: p?.id ?? null, departmentId: defaultDepartment(p, user) });

  return (
    <Stack>
      <SubjectFields
        subject={values.subject}
        company={values.company}
        personName={values.personName}
        onChange={(patch) => set(patch)}
        error={error}
        allowCreate
        testId="consultation"
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          type="date"
          label={t("consultations.occurredOn")}
          value={values.occurredOn}
          onChange={(e) => set({ occurredOn: e.currentTarget.value })}
          required
          error={errorUnder(error, "occurredOn")}
          data-testid="consultation-date"
        />
        <TextInput
          type="time"
          label={t("consultations.startTime")}
          value={values.startTime}
          onChange={(e) => set({ startTime: e.currentTarget.value })}
          error={errorUnder(error, "startTime")}
          data-testid="consultation-start-time"
        />
        <NumberInput
          label={t("consultations.durationMinutes")}
          value={values.durationMinutes}
          onChange={(v) => set({ durationMinutes: v })}
          min={1}
          max={1440}
          step={15}
          allowDecimal={false}
          allowNegative={false}
          suffix={t("consultations.minutesSuffix")}
          error={errorUnder(error, "durationMinutes")}
          data-testid="consultation-duration"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <ProgramSelect
          fiscalYear={fiscalYear}
          value={values.programId}
          onChange={chooseProgram}
          required
          error={errorUnder(error, "programId")}
          testId="consultation-program"
        />
        <RecordDepartmentSelect
          program={program}
          user={user}
          value={values.departmentId}
          onChange={(departmentId) => set({ departmentId })}
          error={errorUnder(error, "departmentId")}
          testId="consultation-department"
        />
      </SimpleGrid>
      <Input.Wrapper label={t("consultations.channel")} required error={errorUnder(error, "channel")}>
        <SegmentedControl
          aria-label={t("consultations.channel")}
          value={values.channel}
          onChange={(v) => set({ channel: v as ConsultationFormValues["channel"] })}
          data={CHANNELS.map((c) => ({ value: c, label: t(channelLabelKey[c]) }))}
          fullWidth
          data-testid="consultation-channel"
        />
        {CHANNELS_WITH_LOCATION.includes(values.channel) && (
          <TextInput
            label={t("consultations.location")}
            description={t("consultations.locationHint")}
            value={values.location}
            onChange={(e) => set({ location: e.currentTarget.value })}
            error={errorUnder(error, "location")}
            data-testid="consultation-location"
            mt="xs"
          />
        )}
      </Input.Wrapper>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MultiSelect
          label={t("consultations.staff")}
          data={staff}
          value={values.staffUserIds}
          onChange={(staffUserIds) => set({ staffUserIds })}
          searchable
          required
          error={errorUnder(error, "staffUserIds")}
          data-testid="consultation-staff"
        />
        <MultiSelect
          label={t("consultations.topics")}
          data={topics}
          value={values.topics}
          onChange={(topicsChosen) => set({ topics: topicsChosen })}
          searchable
          error={errorUnder(error, "topics")}
          data-testid="consultation-topics"
        />
      </SimpleGrid>
      <Textarea
        label={t("consultations.notes")}
        value={values.notes}
        onChange={(e) => set({ notes: e.currentTarget.value })}
        autosize
        minRows={4}
        error={errorUnder(error, "notes")}
        data-testid="consultation-notes"
      />
      {values.channel === "visit" && (
        <VisitFields values={values.visit} onChange={(visit) => set({ visit })} error={error} />
      )}
      <Fieldset legend={t("consultations.followUpLegend")}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Textarea
            style={{ gridColumn: "span 2" }}
            label={t("consultations.nextAction")}
            value={values.nextAction}
            onChange={(e) => set({ nextAction: e.currentTarget.value })}
            autosize
            minRows={2}
            error={errorUnder(error, "nextAction")}
            data-testid="consultation-next-action"
          />
          <TextInput
            type="date"
            label={t("consultations.followUpOn")}
            value={values.followUpOn}
            onChange={(e) => set({ followUpOn: e.currentTarget.value })}
            error={errorUnder(error, "followUpOn")}
            data-testid="consultation-follow-up"
          />
        </SimpleGrid>
      </Fieldset>
      <Input.Wrapper label={t("support.status")} required error={errorUnder(error, "status")}>
        <SegmentedControl
          aria-label={t("support.status")}
          value={values.status}
          onChange={(v) => set({ status: v as ConsultationFormValues["status"] })}
          data={CONSULTATION_STATUSES.map((s) => ({ value: s, label: t(consultationStatusLabelKey[s]) }))}
          fullWidth
          data-testid="consultation-status"
        />
      </Input.Wrapper>
    </Stack>
  );
}
