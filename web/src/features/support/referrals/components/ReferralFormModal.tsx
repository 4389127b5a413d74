import { Button, Group, Input, SegmentedControl, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Referral, ReferralInput, SupportProgramDto } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError } from "../../../../components/FormError";
import { FormModal, useFormDirty } from "../../../../components/FormModal";
import { useRequiredFields } from "../../../../components/useRequiredFields";
import { useI18n } from "../../../../lib/i18n";
import { useDepartments } from "../../../admin/queries";
import { useMe } from "../../../auth/queries";
import { fiscalYearOf, textOrNull, todayInTokyo } from "../../format";
import type { CompanyRef } from "../../shared/CompanyPicker";
import { detailsUnder, errorUnder } from "../../shared/field-error";
import { ProgramSelect } from "../../shared/ProgramSelect";
import { usePrograms, useVocab, vocabOptions } from "../../shared/queries";
import { defaultDepartment, RecordDepartmentSelect } from "../../shared/RecordDepartmentSelect";
import { type Subject, SubjectFields } from "../../shared/SubjectFields";
import { useCreateReferral } from "../queries";

/** What a referral starts from when it comes out of a consultation. */
export interface ReferralPrefill {
  company: CompanyRef | null;
  personName: string | null;
  programId: string;
  fromDepartmentId: string;
  consultationId: string | null;
}

const REFERRAL_FIELDS = ["companyId", "personName", "programId", "fromDepartmentId", "target", "reason", "sentOn"];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** 橋渡し: hand a business to another department of the center or to an outside agency (3機関連携). */
export function ReferralFormModal({
  prefill,
  onClose,
  onCreated,
}: {
  prefill?: ReferralPrefill | undefined;
  onClose: () => void;
  onCreated?: (referral: Referral) => void;
}) {
  const { t } = useI18n();
  const user = useMe().data?.user;
  const create = useCreateReferral();
  const departments = useDepartments();
  const agencies = vocabOptions(useVocab("agency").data);
  const [subject, setSubject] = useState<Subject>(prefill && !prefill.company ? "person" : "company");
  const [company, setCompany] = useState<CompanyRef | null>(prefill?.company ?? null);
  const [personName, setPersonName] = useState(prefill?.personName ?? "");
  const [sentOn, setSentOn] = useState(todayInTokyo());
  const [programId, setProgramId] = useState<string | null>(prefill?.programId ?? null);
  const [fromDepartmentId, setFromDepartmentId] = useState<string | null>(prefill?.fromDepartmentId ?? null);
  const [targetKind, setTargetKind] = useState<"department" | "agency">("department");
  const [toDepartmentId, setToDepartmentId] = useState<string | null>(null);
  const [agency, setAgency] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const fiscalYear = isoDate.test(sentOn) ? fiscalYearOf(sentOn) : null;
  const programs = usePrograms(fiscalYear);
  const program = programs.data?.find((p) => p.id === programId) ?? null;
  const error = create.error;

  const chooseProgram = (p: SupportProgramDto | null) => {
    setProgramId(p?.id ?? null);
    setFromDepartmentId(defaultDepartment(p, user));
  };
  const targets = (departments.data ?? [])
    .filter((d) => !d.archived && d.id !== fromDepartmentId)
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((d) => ({ value: d.id, label: d.name }));

  const dirty = useFormDirty({
    subject,
    company: company?.id ?? null,
    personName,
    sentOn,
    programId,
    fromDepartmentId,
    targetKind,
    toDepartmentId,
    agency,
    reason,
  });
  const required = useRequiredFields({
    programId: { label: t("referrals.program"), value: programId, choose: true },
    target: {
      label: t(targetKind === "department" ? "referrals.targetDepartment" : "referrals.targetAgency"),
      value: targetKind === "department" ? toDepartmentId : agency,
      choose: true,
    },
    reason: { label: t("referrals.reason"), value: reason },
    sentOn: { label: t("referrals.sentOn"), value: sentOn },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!required.check(event)) return;
    const body: ReferralInput = {
      companyId: subject === "company" ? (company?.id ?? null) : null,
      personName: subject === "person" ? textOrNull(personName) : null,
      programId: programId ?? "",
      ...(fromDepartmentId ? { fromDepartmentId } : {}),
      target:
        targetKind === "department"
          ? { kind: "department", departmentId: toDepartmentId ?? "" }
          : { kind: "agency", agency: agency ?? "" },
      reason: reason.trim(),
      sentOn,
      consultationId: prefill?.consultationId ?? null,
    };
    create.mutate(body, {
      onSuccess: (referral) => {
        const to = referral.toDepartment?.name ?? referral.agency ?? "";
        notifications.show({ color: "green", message: t("referrals.created", { to }) });
        onCreated?.(referral);
        onClose();
      },
    });
  };

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t("referrals.newTitle")} size="lg">
      <form noValidate onSubmit={submit} data-testid="referral-form">
        <Stack>
          <SubjectFields
            subject={subject}
            company={company}
            personName={personName}
            onChange={(patch) => {
              if (patch.subject) setSubject(patch.subject);
              if (patch.company !== undefined) setCompany(patch.company);
              if (patch.personName !== undefined) setPersonName(patch.personName);
            }}
            error={error}
            allowCreate={false}
            testId="referral"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <ProgramSelect
              fiscalYear={fiscalYear}
              value={programId}
              onChange={chooseProgram}
              required
              label={t("referrals.program")}
              error={required.errors.programId ?? errorUnder(error, "programId")}
              testId="referral-program"
            />
            <RecordDepartmentSelect
              program={program}
              user={user}
              value={fromDepartmentId}
              onChange={setFromDepartmentId}
              label={t("referrals.fromDepartment")}
              error={errorUnder(error, "fromDepartmentId")}
              testId="referral-from-department"
            />
          </SimpleGrid>
          <Input.Wrapper
            label={t("referrals.target")}
            required
            error={required.errors.target ?? errorUnder(error, "target")}
          >
            <Stack gap="xs">
              <SegmentedControl
                aria-label={t("referrals.target")}
                value={targetKind}
                onChange={(v) => setTargetKind(v === "agency" ? "agency" : "department")}
                data={[
                  { value: "department", label: t("referrals.targetDepartment") },
                  { value: "agency", label: t("referrals.targetAgency") },
                ]}
                w="fit-content"
                data-testid="referral-target-kind"
              />
              {targetKind === "department" ? (
                <Select
                  aria-label={t("referrals.targetDepartment")}
                  placeholder={t("referrals.chooseDepartment")}
                  data={targets}
                  value={toDepartmentId}
                  onChange={setToDepartmentId}
                  searchable
                  data-testid="referral-target-department"
                />
              ) : (
                <Select
                  aria-label={t("referrals.targetAgency")}
                  placeholder={t("referrals.chooseAgency")}
                  data={agencies}
                  value={agency}
                  onChange={setAgency}
                  searchable
                  data-testid="referral-target-agency"
                />
              )}
            </Stack>
          </Input.Wrapper>
          <Textarea
            label={t("referrals.reason")}
            description={t("referrals.reasonHint")}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={3}
            required
            error={required.errors.reason ?? errorUnder(error, "reason")}
            data-testid="referral-reason"
          />
          <TextInput
            type="date"
            label={t("referrals.sentOn")}
            value={sentOn}
            onChange={(e) => setSentOn(e.currentTarget.value)}
            required
            w={200}
            error={required.errors.sentOn ?? errorUnder(error, "sentOn")}
            data-testid="referral-sent-on"
          />
          <FormError error={error} fields={detailsUnder(error, REFERRAL_FIELDS)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="referral-submit">
              {t("referrals.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
