import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { DispatchInput } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError } from "../../../../components/FormError";
import { FormModal, useFormDirty } from "../../../../components/FormModal";
import { useRequiredFields } from "../../../../components/useRequiredFields";
import { useI18n } from "../../../../lib/i18n";
import { textOrNull, todayInTokyo } from "../../format";
import { CompanyPicker, type CompanyRef } from "../../shared/CompanyPicker";
import { detailsUnder, errorUnder } from "../../shared/field-error";
import { useExperts, useFrames, useRequestDispatch } from "../queries";

const DISPATCH_FIELDS = [
  "frameId",
  "companyId",
  "expertId",
  "scheduledOn",
  "minutes",
  "feeYen",
  "companyShareYen",
  "purpose",
];

/**
 * 派遣申請. The caps (延べ回数 of the 枠, and per company) are checked by the server in the same
 * transaction; when one is full its message is shown here as it is.
 */
export function DispatchRequestModal({
  fiscalYear,
  company: initialCompany,
  onClose,
}: {
  fiscalYear: number;
  company?: CompanyRef | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const request = useRequestDispatch();
  const frames = useFrames(fiscalYear).data ?? [];
  const experts = useExperts({ active: true }).data ?? [];
  const [frameId, setFrameId] = useState<string | null>(frames.length === 1 ? (frames[0]?.id ?? null) : null);
  const [company, setCompany] = useState<CompanyRef | null>(initialCompany ?? null);
  const [expertId, setExpertId] = useState<string | null>(null);
  const [scheduledOn, setScheduledOn] = useState(todayInTokyo());
  const [minutes, setMinutes] = useState<number | string>(120);
  const [fee, setFee] = useState<number | string>("");
  const [share, setShare] = useState<number | string>(0);
  const [purpose, setPurpose] = useState("");
  const error = request.error;

  const chooseExpert = (id: string | null) => {
    setExpertId(id);
    // The expert's usual fee per dispatch is the starting point; it stays editable.
    const usual = experts.find((e) => e.id === id)?.feePerDispatchYen;
    if (usual !== null && usual !== undefined) setFee(usual);
  };

  const dirty = useFormDirty(
    { frameId, company: company?.id ?? null, expertId, scheduledOn, minutes, fee, share, purpose },
    error,
  );
  const required = useRequiredFields({
    frameId: { label: t("dispatches.frame"), value: frameId, choose: true },
    companyId: { label: t("support.company"), value: company, choose: true },
    expertId: { label: t("dispatches.expert"), value: expertId, choose: true },
    scheduledOn: { label: t("dispatches.scheduledOn"), value: scheduledOn },
    minutes: { label: t("dispatches.minutes"), value: minutes },
    feeYen: { label: t("dispatches.fee"), value: fee },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!required.check(event)) return;
    const body: DispatchInput = {
      frameId: frameId ?? "",
      companyId: company?.id ?? "",
      expertId: expertId ?? "",
      scheduledOn,
      minutes: typeof minutes === "number" ? minutes : 0,
      feeYen: typeof fee === "number" ? fee : 0,
      companyShareYen: typeof share === "number" ? share : 0,
      purpose: textOrNull(purpose),
    };
    request.mutate(body, {
      onSuccess: (d) => {
        notifications.show({ color: "green", message: t("dispatches.requested", { company: d.company.name }) });
        onClose();
      },
    });
  };

  const yen = (
    label: string,
    value: number | string,
    set: (v: number | string) => void,
    field: string,
    testId: string,
  ) => (
    <NumberInput
      label={label}
      value={value}
      onChange={set}
      min={0}
      allowDecimal={false}
      allowNegative={false}
      thousandSeparator=","
      suffix={t("experts.yenSuffix")}
      required={field === "feeYen"}
      error={required.errors[field] ?? errorUnder(error, field)}
      data-testid={testId}
    />
  );

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t("dispatches.newTitle")} size="lg">
      <form noValidate onSubmit={submit} data-testid="dispatch-form">
        <Stack>
          <Select
            label={t("dispatches.frame")}
            data={frames.map((f) => ({
              value: f.id,
              label: `${f.program.code} ${f.name}${f.remaining === null ? "" : t("dispatches.frameRemaining", { n: f.remaining })}`,
            }))}
            value={frameId}
            onChange={setFrameId}
            required
            error={required.errors.frameId ?? errorUnder(error, "frameId")}
            data-testid="dispatch-frame"
            data-autofocus
          />
          <CompanyPicker
            value={company}
            onChange={setCompany}
            allowCreate
            required
            error={required.errors.companyId ?? errorUnder(error, "companyId")}
            testId="dispatch-company"
          />
          <Select
            label={t("dispatches.expert")}
            data={experts.map((e) => ({
              value: e.id,
              label: e.qualifications.length > 0 ? `${e.name}（${e.qualifications.join("・")}）` : e.name,
            }))}
            value={expertId}
            onChange={chooseExpert}
            searchable
            required
            nothingFoundMessage={t("experts.empty")}
            error={required.errors.expertId ?? errorUnder(error, "expertId")}
            data-testid="dispatch-expert"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="date"
              label={t("dispatches.scheduledOn")}
              value={scheduledOn}
              onChange={(e) => setScheduledOn(e.currentTarget.value)}
              required
              error={required.errors.scheduledOn ?? errorUnder(error, "scheduledOn")}
              data-testid="dispatch-date"
            />
            <NumberInput
              label={t("dispatches.minutes")}
              value={minutes}
              onChange={setMinutes}
              min={1}
              max={1440}
              step={30}
              allowDecimal={false}
              allowNegative={false}
              suffix={t("consultations.minutesSuffix")}
              required
              error={required.errors.minutes ?? errorUnder(error, "minutes")}
              data-testid="dispatch-minutes"
            />
            {yen(t("dispatches.fee"), fee, setFee, "feeYen", "dispatch-fee")}
            {yen(t("dispatches.companyShare"), share, setShare, "companyShareYen", "dispatch-company-share")}
          </SimpleGrid>
          <Textarea
            label={t("dispatches.purpose")}
            value={purpose}
            onChange={(e) => setPurpose(e.currentTarget.value)}
            autosize
            minRows={2}
            error={errorUnder(error, "purpose")}
            data-testid="dispatch-purpose"
          />
          <FormError error={error} fields={detailsUnder(error, DISPATCH_FIELDS)} testId="dispatch-form-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={request.isPending} data-testid="dispatch-submit">
              {t("dispatches.request")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
