import { Fieldset, SimpleGrid, Textarea, TextInput } from "@mantine/core";
import type { VisitDetails } from "@shien/contracts";
import { useI18n } from "../../../../lib/i18n";
import { errorUnder } from "../../shared/field-error";

type VisitValues = Record<keyof VisitDetails, string>;

/** 訪問記録: the trade-support items Fukushima records on a visit (訪問目的, 面談者, 発注・受注情報). */
export function VisitFields({
  values,
  onChange,
  error,
}: {
  values: VisitValues;
  onChange: (next: VisitValues) => void;
  error: unknown;
}) {
  const { t } = useI18n();
  const set = (field: keyof VisitValues, value: string) => onChange({ ...values, [field]: value });
  return (
    <Fieldset legend={t("consultations.visitLegend")} data-testid="consultation-visit">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t("consultations.visit.purpose")}
          value={values.purpose}
          onChange={(e) => set("purpose", e.currentTarget.value)}
          error={errorUnder(error, "visit.purpose")}
          data-testid="consultation-visit-purpose"
        />
        <TextInput
          label={t("consultations.visit.interviewee")}
          value={values.interviewee}
          onChange={(e) => set("interviewee", e.currentTarget.value)}
          error={errorUnder(error, "visit.interviewee")}
          data-testid="consultation-visit-interviewee"
        />
        <Textarea
          label={t("consultations.visit.orderingInfo")}
          description={t("consultations.visit.orderingHint")}
          value={values.orderingInfo}
          onChange={(e) => set("orderingInfo", e.currentTarget.value)}
          autosize
          minRows={2}
          error={errorUnder(error, "visit.orderingInfo")}
          data-testid="consultation-visit-ordering"
        />
        <Textarea
          label={t("consultations.visit.receivingInfo")}
          description={t("consultations.visit.receivingHint")}
          value={values.receivingInfo}
          onChange={(e) => set("receivingInfo", e.currentTarget.value)}
          autosize
          minRows={2}
          error={errorUnder(error, "visit.receivingInfo")}
          data-testid="consultation-visit-receiving"
        />
      </SimpleGrid>
    </Fieldset>
  );
}
