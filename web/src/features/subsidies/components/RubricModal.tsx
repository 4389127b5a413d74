import { ActionIcon, Alert, Button, Group, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { SubsidyProgram } from "@shien/contracts";
import { IconInfoCircle, IconPlus, IconTrash } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { FormError } from "../../../components/FormError";
import { FormModal, useFormDirty } from "../../../components/FormModal";
import { useI18n } from "../../../lib/i18n";
import { errorUnder } from "../../support/shared/field-error";
import { useSetRubric } from "../reviews.queries";

interface Row {
  key: number;
  code: string;
  label: string;
  maxPoints: number | string;
}

/** The contract's limits (rubricSchema): at most 30 criteria of 1–1000 points. */
const MAX_CRITERIA = 30;
const MAX_POINTS = 1000;

let nextKey = 0;
const row = (over: Partial<Row> = {}): Row => ({ key: nextKey++, code: "", label: "", maxPoints: "", ...over });

/**
 * 審査の評価項目 (a manager of the 担当課): the criteria and their points. The server refuses a
 * change once a sheet has been scored, and says why.
 */
export function RubricModal({ program, onClose }: { program: SubsidyProgram; onClose: () => void }) {
  const { t } = useI18n();
  const save = useSetRubric(program.id);
  const [rows, setRows] = useState<Row[]>(() =>
    program.rubric && program.rubric.length > 0 ? program.rubric.map((c) => row(c)) : [row()],
  );
  const error = save.error;
  const total = rows.reduce((s, r) => s + (typeof r.maxPoints === "number" ? r.maxPoints : 0), 0);
  const set = (key: number, patch: Partial<Row>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const dirty = useFormDirty({ rows });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      rows.map((r) => ({
        code: r.code.trim(),
        label: r.label.trim(),
        maxPoints: typeof r.maxPoints === "number" ? r.maxPoints : 0,
      })),
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("subsidies.rubric.saved") });
          onClose();
        },
      },
    );
  };

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t("subsidies.rubric.title")} size="lg">
      <form noValidate onSubmit={submit} data-testid="rubric-form">
        <Stack>
          <Text size="sm">
            {program.program.code} {program.program.name}
          </Text>
          <Alert color="blue" icon={<IconInfoCircle size={18} />} p="xs">
            <Text size="xs">{t("subsidies.rubric.hint")}</Text>
          </Alert>
          {rows.map((r, i) => (
            <Group key={r.key} align="flex-start" gap="xs" wrap="nowrap" data-testid="rubric-row">
              <TextInput
                label={i === 0 ? t("subsidies.rubric.code") : undefined}
                description={i === 0 ? t("subsidies.rubric.codeHint") : undefined}
                aria-label={t("subsidies.rubric.code")}
                value={r.code}
                onChange={(e) => set(r.key, { code: e.currentTarget.value })}
                required
                maxLength={50}
                w={150}
                error={errorUnder(error, `${i}.code`)}
                data-testid={`rubric-code-${i}`}
              />
              <TextInput
                label={i === 0 ? t("subsidies.rubric.label") : undefined}
                // A no-break space: a plain one renders no line, and the inputs would not line up
                // with the code's, which has a hint above it.
                description={i === 0 ? "\u00a0" : undefined}
                aria-label={t("subsidies.rubric.label")}
                value={r.label}
                onChange={(e) => set(r.key, { label: e.currentTarget.value })}
                required
                maxLength={100}
                style={{ flex: 1 }}
                error={errorUnder(error, `${i}.label`)}
                data-testid={`rubric-label-${i}`}
              />
              <NumberInput
                label={i === 0 ? t("subsidies.rubric.maxPoints") : undefined}
                description={i === 0 ? "\u00a0" : undefined}
                aria-label={t("subsidies.rubric.maxPoints")}
                value={r.maxPoints}
                onChange={(v) => set(r.key, { maxPoints: v })}
                min={1}
                max={MAX_POINTS}
                allowDecimal={false}
                allowNegative={false}
                required
                w={110}
                error={errorUnder(error, `${i}.maxPoints`)}
                data-testid={`rubric-max-${i}`}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={i === 0 ? 50 : 6}
                disabled={rows.length === 1}
                onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))}
                aria-label={t("subsidies.rubric.remove")}
                data-testid={`rubric-remove-${i}`}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group justify="space-between">
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={14} />}
              disabled={rows.length >= MAX_CRITERIA}
              onClick={() => setRows((list) => [...list, row()])}
              data-testid="rubric-add"
            >
              {t("subsidies.rubric.add")}
            </Button>
            <Text size="sm" fw={500} data-testid="rubric-total" data-total={total}>
              {t("subsidies.rubric.totalMax", { max: total })}
            </Text>
          </Group>
          <FormError
            error={error}
            fields={rows.flatMap((_, i) => [`${i}.code`, `${i}.label`, `${i}.maxPoints`])}
            testId="rubric-error"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="rubric-submit">
              {t("subsidies.rubric.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
