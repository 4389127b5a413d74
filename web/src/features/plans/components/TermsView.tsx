import { SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { Terms } from "@shien/contracts";
import type { ReactNode } from "react";
import { useI18n } from "../../../lib/i18n";

type Lending = NonNullable<Terms["lending"]>[number];

function KeyValueTable({ rows }: { rows: [string, ReactNode][] }) {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== "");
  if (shown.length === 0) return null;
  return (
    <Table variant="vertical" withTableBorder layout="fixed">
      <Table.Tbody>
        {shown.map(([label, value], index) => (
          // Labels of "other" terms are free text and may repeat; the rows never reorder.
          // biome-ignore lint/suspicious/noArrayIndexKey: static rows
          <Table.Tr key={index}>
            <Table.Th w={180}>{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Title order={4} size="h6">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** The printed text beside the typed values, small: it is what the document says word for word. */
function Printed({ text }: { text: string | undefined }) {
  return text ? (
    <Text size="xs" c="dimmed">
      {text}
    </Text>
  ) : null;
}

function SubsidyTerms({ subsidy }: { subsidy: NonNullable<Terms["subsidy"]> }) {
  const { t } = useI18n();
  const rate = subsidy.rate;
  const fraction = rate
    ? t(rate.upTo ? "terms.rateUpTo" : "terms.rateExact", { numerator: rate.numerator, denominator: rate.denominator })
    : null;
  return (
    <Block title={t("terms.subsidy")}>
      <KeyValueTable
        rows={[
          [t("terms.cap"), subsidy.cap],
          [t("terms.floor"), subsidy.floor],
          [
            t("terms.rate"),
            rate && (
              <>
                <Text size="sm" span fw={600}>
                  {fraction}
                </Text>
                {rate.text && rate.text !== fraction && (
                  <Text size="xs" c="dimmed">
                    {rate.text}
                  </Text>
                )}
              </>
            ),
          ],
          [
            t("terms.expectedCount"),
            subsidy.expectedCount === undefined ? null : t("terms.countValue", { count: subsidy.expectedCount }),
          ],
          [t("terms.printed"), subsidy.text && <Printed text={subsidy.text} />],
        ]}
      />
    </Block>
  );
}

function LendingTerms({ lending }: { lending: readonly Lending[] }) {
  const { t } = useI18n();
  return (
    <Block title={t("terms.lending")}>
      <Table.ScrollContainer minWidth={600}>
        <Table withTableBorder withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("terms.method")}</Table.Th>
              <Table.Th>{t("terms.limit")}</Table.Th>
              <Table.Th>{t("terms.term")}</Table.Th>
              <Table.Th>{t("terms.lendingRate")}</Table.Th>
              <Table.Th>{t("terms.budgetFrame")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lending.map((l) => (
              <Table.Tr key={l.method}>
                <Table.Td>{t(l.method === "lease" ? "terms.lease" : "terms.installment")}</Table.Td>
                <Table.Td>{l.limit}</Table.Td>
                <Table.Td>{l.termYearsMax === undefined ? "" : t("terms.years", { years: l.termYearsMax })}</Table.Td>
                <Table.Td>
                  {l.rate &&
                    t("terms.rateRange", { basis: l.rate.basis, min: l.rate.minPercent, max: l.rate.maxPercent }) +
                      (l.rate.grades ? t("terms.grades", { grades: l.rate.grades }) : "")}
                </Table.Td>
                <Table.Td>{l.budgetFrame}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Block>
  );
}

function LoanTerms({ loan }: { loan: NonNullable<Terms["loan"]> }) {
  const { t } = useI18n();
  const years = (n: number | undefined) => (n === undefined ? null : t("terms.years", { years: n }));
  return (
    <Block title={t("terms.loan")}>
      <KeyValueTable
        rows={[
          [t("terms.loanLimit"), loan.limitText ?? loan.limit],
          [t("terms.loanTerm"), years(loan.termYearsMax)],
          [t("terms.grace"), years(loan.graceYearsMax)],
          [t("terms.interest"), loan.interestFree ? t("terms.interestFree") : null],
          [t("terms.printed"), loan.text && <Printed text={loan.text} />],
        ]}
      />
    </Block>
  );
}

/** 補助上限額・補助率, 設備貸与の条件, 貸付条件 and other stated terms, readable rather than raw. */
export function TermsView({ terms }: { terms: Terms }) {
  const { t } = useI18n();
  const blocks: ReactNode[] = [];
  if (terms.subsidy) blocks.push(<SubsidyTerms key="subsidy" subsidy={terms.subsidy} />);
  if (terms.loan) blocks.push(<LoanTerms key="loan" loan={terms.loan} />);
  return (
    <Stack gap="md" data-testid="program-terms">
      {blocks.length > 0 && (
        <SimpleGrid cols={{ base: 1, lg: blocks.length > 1 ? 2 : 1 }} spacing="md">
          {blocks}
        </SimpleGrid>
      )}
      {terms.lending && terms.lending.length > 0 && <LendingTerms lending={terms.lending} />}
      {terms.other && terms.other.length > 0 && (
        <Block title={t("terms.other")}>
          <KeyValueTable rows={terms.other.map((o) => [o.label, o.text])} />
        </Block>
      )}
    </Stack>
  );
}
