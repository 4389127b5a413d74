import { Alert, Button, Group, MultiSelect, NumberInput, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { AmountLineDto, AmountLineUpdate, FundingSource } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { FormModal, useFormDirty } from "../../../components/FormModal";
import { useRequiredFields } from "../../../components/useRequiredFields";
import { useI18n } from "../../../lib/i18n";
import { formatSenYen } from "../../../lib/numbers";
import { SOURCE_ORDER, sourceLabelKey } from "../labels";
import { useUpdateAmountLine } from "../queries";

const FIELDS = ["yen", "previousYen", "fundingSources", "payer", "note"];

const toYen = (value: number | string): number | null => (typeof value === "number" ? value : null);
const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim());

/**
 * Edit one amount line in whole yen, with the 千円 figure the documents print beside it. Only the
 * fields that changed are sent: an unchanged figure keeps its 約 mark and its printed difference.
 */
export function AmountLineModal({
  planId,
  line,
  onClose,
}: {
  planId: string;
  line: AmountLineDto;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const update = useUpdateAmountLine(planId);
  const [yen, setYen] = useState<number | string>(line.yen);
  const [previousYen, setPreviousYen] = useState<number | string>(line.previousYen ?? "");
  const [sources, setSources] = useState<string[]>(line.fundingSources);
  const [payer, setPayer] = useState(line.payer ?? "");
  const [note, setNote] = useState(line.note ?? "");
  const dirty = useFormDirty({ yen, previousYen, sources, payer, note });
  const required = useRequiredFields({ yen: { label: t("amountEdit.yen"), value: yen } });
  const approximate = line.approximate || line.previousApproximate || line.differenceApproximate;

  const patch = (): Omit<AmountLineUpdate, "version"> => {
    const body: Omit<AmountLineUpdate, "version"> = {};
    const newYen = toYen(yen);
    if (newYen !== null && newYen !== line.yen) body.yen = newYen;
    const newPrevious = toYen(previousYen);
    if (newPrevious !== line.previousYen) body.previousYen = newPrevious;
    const ordered = SOURCE_ORDER.filter((s) => sources.includes(s));
    if (ordered.join() !== SOURCE_ORDER.filter((s) => line.fundingSources.includes(s)).join()) {
      body.fundingSources = ordered;
    }
    if (orNull(payer) !== line.payer) body.payer = orNull(payer);
    if (orNull(note) !== line.note) body.note = orNull(note);
    return body;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!required.check(event)) return;
    const body = patch();
    if (Object.keys(body).length === 0) {
      notifications.show({ message: t("planEdit.noChanges") });
      onClose();
      return;
    }
    update.mutate(
      { itemId: line.id, version: line.version, ...body },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("planEdit.saved", { name: line.label }) });
          onClose();
        },
      },
    );
  };

  const preview = (value: number | string) =>
    typeof value === "number" ? t("amountEdit.preview", { value: formatSenYen(value) }) : undefined;

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t("amountEdit.title", { label: line.label })} size="lg">
      <form noValidate onSubmit={submit} data-testid="amount-form">
        <Stack>
          {approximate && (
            <Alert color="yellow" variant="light">
              <Text size="sm">{t("amountEdit.approximate")}</Text>
            </Alert>
          )}
          <Group grow align="flex-start">
            <NumberInput
              label={t("amountEdit.yen")}
              description={preview(yen) ?? t("amountEdit.yenHint")}
              value={yen}
              onChange={setYen}
              thousandSeparator=","
              allowDecimal={false}
              allowNegative={false}
              required
              error={required.errors.yen ?? fieldError(update.error, "yen")}
              data-testid="amount-form-yen"
              data-autofocus
            />
            <NumberInput
              label={t("amountEdit.previousYen")}
              description={preview(previousYen) ?? t("amountEdit.previousHint")}
              value={previousYen}
              onChange={setPreviousYen}
              thousandSeparator=","
              allowDecimal={false}
              allowNegative={false}
              error={fieldError(update.error, "previousYen")}
              data-testid="amount-form-previous"
            />
          </Group>
          <MultiSelect
            label={t("amountEdit.sources")}
            data={SOURCE_ORDER.map((s) => ({ value: s, label: t(sourceLabelKey[s]) }))}
            value={sources}
            onChange={(value) => setSources(value as FundingSource[])}
            clearable
            comboboxProps={{ withinPortal: true }}
            error={fieldError(update.error, "fundingSources")}
            data-testid="amount-form-sources"
          />
          <TextInput
            label={t("amountEdit.payer")}
            description={t("amountEdit.payerHint")}
            value={payer}
            onChange={(e) => setPayer(e.currentTarget.value)}
            maxLength={200}
            error={fieldError(update.error, "payer")}
            data-testid="amount-form-payer"
          />
          <Textarea
            label={t("planEdit.note")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={1000}
            error={fieldError(update.error, "note")}
            data-testid="amount-form-note"
          />
          <FormError error={update.error} fields={FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={update.isPending} data-testid="amount-form-submit">
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
