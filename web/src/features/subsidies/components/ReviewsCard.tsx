import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Rubric, SubsidyApplication, SubsidyProgram } from "@shien/contracts";
import { IconInfoCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { FormError } from "../../../components/FormError";
import { QueryState } from "../../../components/QueryState";
import { formatDateTime } from "../../../lib/datetime";
import { useI18n } from "../../../lib/i18n";
import { useMe } from "../../auth/queries";
import { detailsUnder, errorUnder } from "../../support/shared/field-error";
import { canRecordSubsidy } from "../access";
import { subsidyStatusLabelKey } from "../labels";
import { type SubsidyReview, useReviews, useSaveReview } from "../reviews.queries";

/**
 * 審査 on the application: the committee's sheets (shared with everyone who reads the application),
 * their average (conflicts left out) and, for those who record for the 担当課 while the application
 * is 形式審査済み, the form for their own sheet (the server keeps one per reviewer and refuses
 * anything else).
 */
export function ReviewsCard({
  application: a,
  program,
}: {
  application: SubsidyApplication;
  program: SubsidyProgram | undefined;
}) {
  const { t, locale } = useI18n();
  const user = useMe().data?.user;
  const reviews = useReviews(a.id);
  const items = reviews.data?.items ?? [];
  const rubric = program?.rubric ?? null;
  const scored = items.filter((r) => !r.conflict).length;
  const mayReview = program !== undefined && canRecordSubsidy(user, program.department.id);
  const mine = user ? items.find((r) => r.reviewer.id === user.id) : undefined;
  const labelOf = new Map((rubric ?? []).map((c) => [c.code, c.label]));

  return (
    <Card withBorder padding="md" data-testid="review-card">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Title order={2} size="h5">
          {t("subsidies.review.title")}
        </Title>
        <div style={{ textAlign: "right" }}>
          <Text size="xs" c="dimmed">
            {t("subsidies.review.average")}
          </Text>
          <Text
            size="xl"
            fw={700}
            style={{ fontVariantNumeric: "tabular-nums" }}
            data-testid="review-average"
            data-average={reviews.data?.average ?? ""}
          >
            {reviews.data?.average === null || reviews.data === undefined ? "—" : reviews.data.average.toFixed(2)}
          </Text>
          <Text size="xs" c="dimmed">
            {reviews.data?.average === null
              ? t("subsidies.review.averageNone")
              : t("subsidies.review.averageHint", { n: scored })}
          </Text>
        </div>
      </Group>
      <QueryState isPending={reviews.isPending} error={reviews.error}>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="review-empty">
            {t("subsidies.review.empty")}
          </Text>
        ) : (
          <Table verticalSpacing={6} fz="sm" data-testid="review-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("subsidies.review.reviewer")}</Table.Th>
                <Table.Th ta="right">{t("subsidies.review.total")}</Table.Th>
                <Table.Th>{t("subsidies.review.comment")}</Table.Th>
                <Table.Th>{t("subsidies.review.submittedAt")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr
                  key={r.reviewer.id}
                  data-testid="review-row"
                  data-reviewer-id={r.reviewer.id}
                  data-conflict={r.conflict}
                  data-total={r.total ?? ""}
                >
                  <Table.Td>{r.reviewer.name}</Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
                    {r.conflict ? (
                      <Badge color="orange" variant="light" data-testid="review-conflict-badge">
                        {t("subsidies.review.conflictBadge")}
                      </Badge>
                    ) : (
                      <>
                        <Text span fw={600}>
                          {r.total}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {(rubric ? rubric.map((c) => c.code) : Object.keys(r.scores))
                            .filter((code) => r.scores[code] !== undefined)
                            .map((code) => `${labelOf.get(code) ?? code} ${r.scores[code]}`)
                            .join(" / ")}
                        </Text>
                      </>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "pre-wrap" }}>
                    {r.conflict ? r.conflictNote : r.comment}
                    {r.conflict && r.comment && (
                      <Text size="xs" c="dimmed">
                        {r.comment}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(r.submittedAt, locale)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {mayReview &&
        (a.status === "checked" ? (
          reviews.data && (
            // Keyed by the saved sheet, so that the form starts again from what the server kept.
            <ReviewForm key={mine?.submittedAt ?? "new"} applicationId={a.id} rubric={rubric} mine={mine} />
          )
        ) : (
          <Text size="sm" c="dimmed" mt="sm" data-testid="review-closed">
            {t("subsidies.review.closed", { status: t(subsidyStatusLabelKey[a.status]) })}
          </Text>
        ))}
    </Card>
  );
}

const FIELDS = ["scores", "conflictNote", "comment", "conflict"];

function ReviewForm({
  applicationId,
  rubric,
  mine,
}: {
  applicationId: string;
  rubric: Rubric | null;
  mine: SubsidyReview | undefined;
}) {
  const { t } = useI18n();
  const save = useSaveReview(applicationId);
  const [conflict, setConflict] = useState(mine?.conflict ?? false);
  const [note, setNote] = useState(mine?.conflictNote ?? "");
  const [comment, setComment] = useState(mine?.comment ?? "");
  const [scores, setScores] = useState<Record<string, number | string>>(() =>
    Object.fromEntries((rubric ?? []).map((c) => [c.code, mine?.scores[c.code] ?? ""])),
  );
  const error = save.error;
  const max = (rubric ?? []).reduce((s, c) => s + c.maxPoints, 0);
  const total = (rubric ?? []).reduce(
    (s, c) => s + (typeof scores[c.code] === "number" ? Number(scores[c.code]) : 0),
    0,
  );
  const disabled = !conflict && !rubric;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const numeric = Object.fromEntries(
      Object.entries(scores).flatMap(([code, v]) => (typeof v === "number" ? [[code, v]] : [])),
    ) as Record<string, number>;
    save.mutate(
      {
        conflict,
        conflictNote: conflict ? note.trim() : null,
        scores: conflict ? {} : numeric,
        comment: comment.trim() || null,
      },
      { onSuccess: () => notifications.show({ color: "green", message: t("subsidies.review.saved") }) },
    );
  };

  return (
    <form onSubmit={submit} data-testid="review-form">
      <Stack gap="sm" mt="md">
        <Title order={3} size="h6">
          {t("subsidies.review.mine")}
        </Title>
        {!rubric && (
          <Alert color="yellow" icon={<IconInfoCircle size={18} />} data-testid="review-no-rubric">
            {t("subsidies.review.noRubric")}
          </Alert>
        )}
        {rubric && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              {rubric.map((c) => (
                <NumberInput
                  key={c.code}
                  label={c.label}
                  description={t("subsidies.review.points", { max: c.maxPoints })}
                  value={scores[c.code] ?? ""}
                  onChange={(v) => setScores((s) => ({ ...s, [c.code]: v }))}
                  min={0}
                  max={c.maxPoints}
                  clampBehavior="strict"
                  allowDecimal={false}
                  allowNegative={false}
                  disabled={conflict}
                  required={!conflict}
                  error={errorUnder(error, `scores.${c.code}`)}
                  data-testid={`review-score-${c.code}`}
                />
              ))}
            </SimpleGrid>
            {!conflict && (
              <Text size="sm" fw={500} data-testid="review-total" data-total={total}>
                {t("subsidies.review.sum", { total, max })}
              </Text>
            )}
          </>
        )}
        <Checkbox
          label={t("subsidies.review.conflict")}
          description={t("subsidies.review.conflictHint")}
          checked={conflict}
          onChange={(e) => setConflict(e.currentTarget.checked)}
          error={conflict ? errorUnder(error, "scores") : undefined}
          data-testid="review-conflict"
        />
        {conflict && (
          <Textarea
            label={t("subsidies.review.conflictNote")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            maxLength={1000}
            error={errorUnder(error, "conflictNote")}
            data-testid="review-conflict-note"
          />
        )}
        <Textarea
          label={t("subsidies.review.comment")}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={4000}
          error={errorUnder(error, "comment")}
          data-testid="review-comment"
        />
        <FormError error={error} fields={detailsUnder(error, FIELDS)} testId="review-error" />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={disabled} data-testid="review-submit">
            {mine ? t("subsidies.review.update") : t("subsidies.review.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
