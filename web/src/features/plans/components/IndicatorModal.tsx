import { Button, Group, NumberInput, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { IndicatorDto, IndicatorUpdate } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { FormModal, useFormDirty } from "../../../components/FormModal";
import { useRequiredFields } from "../../../components/useRequiredFields";
import { useI18n } from "../../../lib/i18n";
import { useUpdateIndicator } from "../queries";

const FIELDS = ["target", "targetText", "breakdown", "name", "unit", "note"];

const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim());

/** Edit an indicator's target (a number, or wording such as 未定 when there is none), name, unit and note. */
export function IndicatorModal({
  planId,
  indicator,
  onClose,
}: {
  planId: string;
  indicator: IndicatorDto;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const update = useUpdateIndicator(planId);
  const [target, setTarget] = useState<number | string>(indicator.target ?? "");
  const [targetText, setTargetText] = useState(indicator.targetText ?? "");
  const [name, setName] = useState(indicator.name);
  const [unit, setUnit] = useState(indicator.unit);
  const [note, setNote] = useState(indicator.note ?? "");
  const [breakdown, setBreakdown] = useState<(number | string)[]>(
    indicator.breakdown?.map((b) => b.target ?? "") ?? [],
  );
  const dirty = useFormDirty({ target, targetText, name, unit, note, breakdown });
  const required = useRequiredFields({
    name: { label: t("indicatorEdit.name"), value: name },
    unit: { label: t("indicatorEdit.unit"), value: unit },
  });

  const patch = (): Omit<IndicatorUpdate, "version"> => {
    const body: Omit<IndicatorUpdate, "version"> = {};
    const newTarget = typeof target === "number" ? target : null;
    if (newTarget !== indicator.target) {
      body.target = newTarget;
      // The server drops the wording when a number is set unless it is sent again: send what the form shows.
      body.targetText = orNull(targetText);
    }
    if (orNull(targetText) !== indicator.targetText) body.targetText = orNull(targetText);
    if (name.trim() !== indicator.name) body.name = name.trim();
    if (unit.trim() !== indicator.unit) body.unit = unit.trim();
    if (orNull(note) !== indicator.note) body.note = orNull(note);
    const parts = indicator.breakdown?.map((b, i) => ({
      label: b.label,
      target: typeof breakdown[i] === "number" ? (breakdown[i] as number) : null,
    }));
    if (parts?.some((p, i) => p.target !== indicator.breakdown?.[i]?.target)) body.breakdown = parts;
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
      { itemId: indicator.id, version: indicator.version, ...body },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "green", message: t("planEdit.saved", { name: saved.name }) });
          onClose();
        },
      },
    );
  };

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t("indicatorEdit.title", { name: indicator.name })} size="lg">
      <form noValidate onSubmit={submit} data-testid="indicator-form">
        <Stack>
          <Group grow align="flex-start">
            <NumberInput
              label={t("indicatorEdit.target")}
              description={t("indicatorEdit.targetHint")}
              value={target}
              onChange={setTarget}
              thousandSeparator=","
              min={0}
              allowNegative={false}
              decimalScale={3}
              error={fieldError(update.error, "target")}
              data-testid="indicator-form-target"
              data-autofocus
            />
            <TextInput
              label={t("indicatorEdit.targetText")}
              description={t("indicatorEdit.targetTextHint")}
              value={targetText}
              onChange={(e) => setTargetText(e.currentTarget.value)}
              maxLength={100}
              error={fieldError(update.error, "targetText")}
              data-testid="indicator-form-target-text"
            />
          </Group>
          {indicator.breakdown && (
            <Group grow align="flex-start" data-testid="indicator-form-breakdown">
              {indicator.breakdown.map((b, i) => (
                <NumberInput
                  key={b.label}
                  label={t("indicatorEdit.breakdownTarget", { label: b.label })}
                  value={breakdown[i] ?? ""}
                  onChange={(value) => setBreakdown((all) => all.map((v, j) => (j === i ? value : v)))}
                  thousandSeparator=","
                  min={0}
                  allowNegative={false}
                  decimalScale={3}
                  error={i === 0 ? fieldError(update.error, "breakdown") : undefined}
                />
              ))}
            </Group>
          )}
          <Group grow align="flex-start">
            <TextInput
              label={t("indicatorEdit.name")}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              maxLength={200}
              error={required.errors.name ?? fieldError(update.error, "name")}
              data-testid="indicator-form-name"
            />
            <TextInput
              label={t("indicatorEdit.unit")}
              value={unit}
              onChange={(e) => setUnit(e.currentTarget.value)}
              required
              maxLength={20}
              error={required.errors.unit ?? fieldError(update.error, "unit")}
              data-testid="indicator-form-unit"
              maw={160}
            />
          </Group>
          <Textarea
            label={t("planEdit.note")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={1000}
            error={fieldError(update.error, "note")}
            data-testid="indicator-form-note"
          />
          <FormError error={update.error} fields={FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={update.isPending} data-testid="indicator-form-submit">
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
