import { Alert, Badge, Button, Checkbox, FileInput, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { SubsidyImportReport } from "@shien/contracts";
import { IconFileUpload } from "@tabler/icons-react";
import { useState } from "react";
import { FormError } from "../../../components/FormError";
import { FormModal, useFormDirty } from "../../../components/FormModal";
import { useI18n } from "../../../lib/i18n";
import { ImportErrorsTable } from "../../companies/components/ImportErrorsTable";
import { readAsBase64 } from "../../companies/read-file";
import { formatYen } from "../format";
import { useImportApplications } from "../queries";

interface Chosen {
  fileName: string;
  contentBase64: string;
}

const num = { fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" } as const;

/** The applications that passed every check, with what the arithmetic gives each (as a hand entry would). */
function PassedTable({ report }: { report: SubsidyImportReport }) {
  const { t, locale } = useI18n();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing={4} data-testid="import-applications">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("subsidies.import.ref")}</Table.Th>
            <Table.Th>{t("subsidies.import.rows")}</Table.Th>
            <Table.Th>{t("support.company")}</Table.Th>
            <Table.Th>{t("subsidies.program")}</Table.Th>
            <Table.Th>{t("subsidies.terms.variant")}</Table.Th>
            <Table.Th ta="right">{t("subsidies.import.lines")}</Table.Th>
            <Table.Th ta="right">{t("subsidies.import.cost")}</Table.Th>
            <Table.Th ta="right">{t("subsidies.amount.computed")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.applications.map((a) => (
            <Table.Tr key={a.ref} data-testid="import-application-row">
              <Table.Td>{a.ref}</Table.Td>
              <Table.Td style={num}>{a.rows.join(", ")}</Table.Td>
              <Table.Td>
                {a.company.name}{" "}
                {a.company.match === "created" && (
                  <Badge size="xs" variant="light">
                    {t("subsidies.import.newCompany")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{a.program.code}</Table.Td>
              <Table.Td>{[a.round, a.course, a.type].filter(Boolean).join(" / ")}</Table.Td>
              <Table.Td ta="right" style={num}>
                {a.lines}
              </Table.Td>
              <Table.Td ta="right" style={num}>
                {formatYen(a.costYen, locale)}
              </Table.Td>
              <Table.Td ta="right" style={num} data-testid="import-computed">
                {formatYen(a.computedYen, locale)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * 申請の一括取り込み: pick a file, read the dry run (every error with its row and column, and what
 * each application would be computed at), then import the whole file, all or nothing.
 */
export function ApplicationsImportModal({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const check = useImportApplications();
  const commit = useImportApplications();
  const [file, setFile] = useState<File | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [createCompanies, setCreateCompanies] = useState(false);
  const [readError, setReadError] = useState(false);
  const report = commit.data ?? check.data;

  const dryRun = (next: Chosen, create: boolean) => {
    commit.reset();
    check.mutate({ ...next, createCompanies: create, dryRun: true });
  };

  const choose = async (picked: File | null) => {
    setFile(picked);
    setChosen(null);
    setReadError(false);
    check.reset();
    commit.reset();
    if (!picked) return;
    try {
      const next = { fileName: picked.name, contentBase64: await readAsBase64(picked) };
      setChosen(next);
      dryRun(next, createCompanies);
    } catch {
      setReadError(true);
    }
  };

  const toggleCreate = (value: boolean) => {
    setCreateCompanies(value);
    if (chosen) dryRun(chosen, value);
  };

  const run = () => {
    if (!chosen) return;
    commit.mutate(
      { ...chosen, createCompanies, dryRun: false },
      {
        onSuccess: (r) => {
          if (r.errors.length > 0) return;
          notifications.show({ color: "green", message: t("subsidies.import.done", { count: r.created }) });
          onClose();
        },
      },
    );
  };

  const ready = check.data && check.data.errors.length === 0 && !commit.data ? check.data : null;
  // The reader's language; the server sends both.
  const errors = (report?.errors ?? []).map((e) => ({ ...e, reason: locale === "en" ? e.reasonEn : e.reason }));
  const dirty = useFormDirty({ file: file?.name ?? null, createCompanies });

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t("subsidies.import.title")} size="xl">
      <Stack data-testid="applications-import">
        <Text size="sm">{t("subsidies.import.description")}</Text>
        <Text size="xs" c="dimmed">
          {t("subsidies.import.columns")}
        </Text>
        <Group align="flex-end">
          <FileInput
            label={t("subsidies.import.file")}
            placeholder={t("subsidies.import.filePlaceholder")}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(f) => void choose(f)}
            leftSection={<IconFileUpload size={16} />}
            clearable
            w={360}
            data-testid="applications-import-file"
            data-autofocus
          />
          {(check.isPending || commit.isPending) && <Loader size="sm" aria-label={t("subsidies.import.checking")} />}
        </Group>
        <Checkbox
          label={t("subsidies.import.createCompanies")}
          checked={createCompanies}
          onChange={(e) => toggleCreate(e.currentTarget.checked)}
          disabled={check.isPending || commit.isPending}
          data-testid="applications-import-create-companies"
        />
        {readError && (
          <Text c="red" size="sm">
            {t("subsidies.import.readFailed")}
          </Text>
        )}
        <FormError error={check.error ?? commit.error} />
        {report && (
          <Stack gap={2} data-testid="applications-import-read">
            <Text size="sm">
              {t("subsidies.import.read", {
                encoding: report.encoding === "shift_jis" ? "Shift_JIS" : report.encoding,
                rows: report.rows,
              })}
            </Text>
            <Text size="xs" c="dimmed">
              {t("subsidies.import.mapping", {
                mapping: Object.entries(report.mapping)
                  .map(([h, c]) => (h === c ? h : `${h}→${c}`))
                  .join(", "),
              })}
            </Text>
            {report.ignoredColumns.length > 0 && (
              <Text size="xs" c="dimmed">
                {t("subsidies.import.ignored", { columns: report.ignoredColumns.join(", ") })}
              </Text>
            )}
          </Stack>
        )}
        {errors.length > 0 && <ImportErrorsTable errors={errors} />}
        {report && report.applications.length > 0 && (
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t("subsidies.import.passed", { count: report.applications.length })}
            </Text>
            <PassedTable report={report} />
          </Stack>
        )}
        {ready && (
          <Alert color="blue" data-testid="applications-import-ready">
            <Text size="sm">
              {t("subsidies.import.ready", {
                count: ready.created,
                total: formatYen(
                  ready.applications.reduce((sum, a) => sum + a.computedYen, 0),
                  locale,
                ),
                matched: ready.companies.matched,
                created: ready.companies.created,
              })}
            </Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("subsidies.import.close")}
          </Button>
          <Button
            onClick={run}
            disabled={!ready || ready.created === 0 || check.isPending}
            loading={commit.isPending}
            data-testid="applications-import-run"
          >
            {t("subsidies.import.run")}
          </Button>
        </Group>
      </Stack>
    </FormModal>
  );
}
