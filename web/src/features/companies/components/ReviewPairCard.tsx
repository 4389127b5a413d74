import { Anchor, Badge, Button, Card, Group, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Company } from "@shien/contracts";
import { Link } from "react-router-dom";
import { FormError } from "../../../components/FormError";
import { type MessageKey, useI18n } from "../../../lib/i18n";
import { type ReviewPair, useDecidePair } from "../queries";
import { location } from "./CompaniesTable";
import { MatchReasons } from "./MatchReasons";

const FIELDS: [MessageKey, (c: Company) => string | null][] = [
  ["company.nameKana", (c) => c.nameKana],
  ["company.corporateNumber", (c) => c.corporateNumber],
  ["company.address", location],
  ["company.phone", (c) => c.phone],
  ["company.representative", (c) => c.representative],
];

/** One pair side by side, the engine's reasons, and the two verdicts. */
export function ReviewPairCard({ pair, mayWrite }: { pair: ReviewPair; mayWrite: boolean }) {
  const { t } = useI18n();
  const decide = useDecidePair();
  const run = (same: boolean) =>
    decide.mutate(
      { a: pair.a.id, b: pair.b.id, same },
      {
        onSuccess: () =>
          notifications.show({
            color: "green",
            message: t(same ? "meiyose.decidedSame" : "meiyose.decidedDifferent"),
          }),
      },
    );
  const name = (c: Company) => (
    <Anchor component={Link} to={`/companies/${c.id}`} fw={600}>
      {c.name}
    </Anchor>
  );
  return (
    <Card
      withBorder
      padding="md"
      data-testid="review-pair"
      aria-label={t("meiyose.pairLabel", { a: pair.a.name, b: pair.b.name })}
    >
      <Table layout="fixed" verticalSpacing={4} mb="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={140} />
            <Table.Th>{name(pair.a)}</Table.Th>
            <Table.Th>{name(pair.b)}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {FIELDS.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Td c="dimmed">{t(label)}</Table.Td>
              <Table.Td>{value(pair.a) || "—"}</Table.Td>
              <Table.Td>{value(pair.b) || "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="xs" mb={4}>
        <Text size="sm" fw={600}>
          {t("meiyose.reasons")}
        </Text>
        <Badge variant="light" color="gray">
          {t("meiyose.score", { score: pair.score })}
        </Badge>
      </Group>
      <MatchReasons reasons={pair.reasons} />
      <FormError error={decide.error} />
      {mayWrite && (
        <Group justify="flex-end" mt="sm">
          <Button
            variant="default"
            loading={decide.isPending && decide.variables?.same === false}
            disabled={decide.isPending}
            onClick={() => run(false)}
            data-testid="review-different"
          >
            {t("meiyose.different")}
          </Button>
          <Button
            loading={decide.isPending && decide.variables?.same === true}
            disabled={decide.isPending}
            onClick={() => run(true)}
            data-testid="review-same"
          >
            {t("meiyose.same")}
          </Button>
        </Group>
      )}
    </Card>
  );
}
