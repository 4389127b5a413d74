import { Button, Group, NumberInput, SimpleGrid, Stack, Switch, TagsInput, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { DEFAULT_QUALIFICATIONS as ContractQualifications, Expert, ExpertInput } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError } from "../../../../components/FormError";
import { FormModal, useFormDirty } from "../../../../components/FormModal";
import { useRequiredFields } from "../../../../components/useRequiredFields";
import { useI18n } from "../../../../lib/i18n";
import { textOrNull } from "../../format";
import { detailsUnder, errorUnder } from "../../shared/field-error";
import { useSaveExpert } from "../queries";

/** The contract's suggested 資格 (repeated: see ../../labels.ts on value imports; the type keeps them equal). */
const QUALIFICATIONS: typeof ContractQualifications = [
  "中小企業診断士",
  "税理士",
  "公認会計士",
  "社会保険労務士",
  "弁理士",
  "弁護士",
  "ITコーディネータ",
  "技術士",
];

const EXPERT_FIELDS = [
  "name",
  "nameKana",
  "specialties",
  "qualifications",
  "organization",
  "phone",
  "email",
  "feePerDispatchYen",
  "feePerHourYen",
  "active",
  "conflictNotes",
];

const yenOrNull = (v: number | string) => (typeof v === "number" ? v : null);

/** 専門家の登録・編集: specialties, qualifications, fees, active flag and 利益相反 notes. */
export function ExpertFormModal({ expert, onClose }: { expert?: Expert | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const save = useSaveExpert(expert?.id ?? null);
  const [name, setName] = useState(expert?.name ?? "");
  const [nameKana, setNameKana] = useState(expert?.nameKana ?? "");
  const [specialties, setSpecialties] = useState(expert?.specialties ?? []);
  const [qualifications, setQualifications] = useState(expert?.qualifications ?? []);
  const [organization, setOrganization] = useState(expert?.organization ?? "");
  const [phone, setPhone] = useState(expert?.phone ?? "");
  const [email, setEmail] = useState(expert?.email ?? "");
  const [feePerDispatch, setFeePerDispatch] = useState<number | string>(expert?.feePerDispatchYen ?? "");
  const [feePerHour, setFeePerHour] = useState<number | string>(expert?.feePerHourYen ?? "");
  const [active, setActive] = useState(expert?.active ?? true);
  const [conflictNotes, setConflictNotes] = useState(expert?.conflictNotes ?? "");
  const error = save.error;

  const dirty = useFormDirty({
    name,
    nameKana,
    specialties,
    qualifications,
    organization,
    phone,
    email,
    feePerDispatch,
    feePerHour,
    active,
    conflictNotes,
  });
  const required = useRequiredFields({
    name: { label: t("experts.name"), value: name },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!required.check(event)) return;
    const body: ExpertInput = {
      name: name.trim(),
      nameKana: textOrNull(nameKana),
      specialties,
      qualifications,
      organization: textOrNull(organization),
      phone: textOrNull(phone),
      email: textOrNull(email),
      feePerDispatchYen: yenOrNull(feePerDispatch),
      feePerHourYen: yenOrNull(feePerHour),
      active,
      conflictNotes: textOrNull(conflictNotes),
    };
    save.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({
          color: "green",
          message: t(expert ? "experts.updated" : "experts.created", { name: saved.name }),
        });
        onClose();
      },
    });
  };

  const yenInput = (label: string, value: number | string, set: (v: number | string) => void, field: string) => (
    <NumberInput
      label={label}
      value={value}
      onChange={set}
      min={0}
      allowDecimal={false}
      allowNegative={false}
      thousandSeparator=","
      suffix={t("experts.yenSuffix")}
      error={errorUnder(error, field)}
      data-testid={`expert-form-${field}`}
    />
  );

  return (
    <FormModal
      dirty={dirty}
      onClose={onClose}
      title={t(expert ? "experts.editTitle" : "experts.createTitle")}
      size="lg"
    >
      <form noValidate onSubmit={submit} data-testid="expert-form">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t("experts.name")}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              error={required.errors.name ?? errorUnder(error, "name")}
              data-testid="expert-form-name"
              data-autofocus
            />
            <TextInput
              label={t("experts.nameKana")}
              value={nameKana}
              onChange={(e) => setNameKana(e.currentTarget.value)}
              error={errorUnder(error, "nameKana")}
              data-testid="expert-form-name-kana"
            />
          </SimpleGrid>
          <TagsInput
            label={t("experts.qualifications")}
            description={t("experts.tagsHint")}
            data={[...QUALIFICATIONS]}
            value={qualifications}
            onChange={setQualifications}
            error={errorUnder(error, "qualifications")}
            data-testid="expert-form-qualifications"
          />
          <TagsInput
            label={t("experts.specialties")}
            description={t("experts.tagsHint")}
            value={specialties}
            onChange={setSpecialties}
            error={errorUnder(error, "specialties")}
            data-testid="expert-form-specialties"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t("experts.organization")}
              value={organization}
              onChange={(e) => setOrganization(e.currentTarget.value)}
              error={errorUnder(error, "organization")}
              data-testid="expert-form-organization"
            />
            <TextInput
              label={t("experts.phone")}
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              error={errorUnder(error, "phone")}
              data-testid="expert-form-phone"
            />
            <TextInput
              label={t("experts.email")}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errorUnder(error, "email")}
              data-testid="expert-form-email"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {yenInput(t("experts.feePerDispatch"), feePerDispatch, setFeePerDispatch, "feePerDispatchYen")}
            {yenInput(t("experts.feePerHour"), feePerHour, setFeePerHour, "feePerHourYen")}
          </SimpleGrid>
          <Textarea
            label={t("experts.conflictNotes")}
            description={t("experts.conflictHint")}
            value={conflictNotes}
            onChange={(e) => setConflictNotes(e.currentTarget.value)}
            autosize
            minRows={2}
            error={errorUnder(error, "conflictNotes")}
            data-testid="expert-form-conflict-notes"
          />
          <Switch
            label={t("experts.active")}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
            data-testid="expert-form-active"
          />
          <FormError error={error} fields={detailsUnder(error, EXPERT_FIELDS)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="expert-form-submit">
              {expert ? t("common.save") : t("experts.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
