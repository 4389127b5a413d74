import { Alert, Anchor, Button, Card, FileInput, Group, Loader, Select, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { CompanyImportReport } from "@shien/contracts";
import { IconArrowLeft, IconCheck, IconFileUpload } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router-dom";
import { FormError } from "../../../components/FormError";
import { PageHeader } from "../../../components/PageHeader";
import { useI18n } from "../../../lib/i18n";
import { ImportErrorsTable } from "../components/ImportErrorsTable";
import { ImportMappingTable, SKIP } from "../components/ImportMappingTable";
import { useImportCompanies } from "../queries";
import { readAsBase64 } from "../read-file";

type Encoding = "utf-8" | "shift_jis";
interface Chosen {
  fileName: string;
  contentBase64: string;
}

/** The file's headers in a stable order: those already shown first, then any new ones. */
function headersOf(report: CompanyImportReport, previous: string[]): string[] {
  const now = [...Object.keys(report.mapping), ...report.ignoredColumns];
  return [...previous.filter((h) => now.includes(h)), ...now.filter((h) => !previous.includes(h))];
}

/** 取り込み: dry run first (encoding, mapping, errors), then 取り込む. */
export function CompanyImportPage() {
  const { t } = useI18n();
  const check = useImportCompanies();
  const commit = useImportCompanies();
  const [file, setFile] = useState<File | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [encoding, setEncoding] = useState<Encoding | null>(null);
  const [map, setMap] = useState<Record<string, string> | undefined>(undefined);
  const [headers, setHeaders] = useState<string[]>([]);
  const [readError, setReadError] = useState(false);
  const report = check.data;
  const done = commit.data && !commit.data.dryRun && commit.data.errors.length === 0 ? commit.data : null;

  const dryRun = (next: { chosen: Chosen; encoding: Encoding | null; map: Record<string, string> | undefined }) => {
    commit.reset();
    check.mutate(
      { ...next.chosen, encoding: next.encoding ?? undefined, map: next.map, dryRun: true },
      { onSuccess: (r) => setHeaders((prev) => headersOf(r, prev)) },
    );
  };

  const choose = async (picked: File | null) => {
    setFile(picked);
    setChosen(null);
    setMap(undefined);
    setHeaders([]);
    setReadError(false);
    check.reset();
    commit.reset();
    if (!picked) return;
    try {
      const next = { fileName: picked.name, contentBase64: await readAsBase64(picked) };
      setChosen(next);
      dryRun({ chosen: next, encoding, map: undefined });
    } catch {
      setReadError(true);
    }
  };

  const remap = (header: string, column: string) => {
    if (!chosen || !report) return;
    const next: Record<string, string> = {};
    for (const h of headers) next[h] = report.mapping[h] ?? SKIP;
    next[header] = column;
    setMap(next);
    dryRun({ chosen, encoding, map: next });
  };

  const recode = (value: string | null) => {
    const next = value === "utf-8" || value === "shift_jis" ? value : null;
    setEncoding(next);
    if (chosen) dryRun({ chosen, encoding: next, map });
  };

  const run = () => {
    if (!chosen) return;
    commit.mutate(
      { ...chosen, encoding: encoding ?? undefined, map, dryRun: false },
      {
        onSuccess: (r) => {
          if (r.errors.length === 0)
            notifications.show({
              color: "green",
              message: t("companyImport.done", { created: r.created, updated: r.updated }),
            });
        },
      },
    );
  };

  const shown = commit.data ?? report;
  return (
    <>
      <Anchor component={Link} to="/companies" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> {t("company.back")}
      </Anchor>
      <PageHeader title={t("companyImport.title")} description={t("companyImport.description")} />
      <Stack maw={960}>
        <Card withBorder padding="md">
          <Group align="flex-end">
            <FileInput
              label={t("companyImport.file")}
              placeholder={t("companyImport.filePlaceholder")}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={(f) => void choose(f)}
              leftSection={<IconFileUpload size={16} />}
              clearable
              w={360}
              data-testid="import-file"
            />
            <Select
              label={t("companyImport.encoding")}
              data={[
                { value: "auto", label: t("companyImport.encodingAuto") },
                { value: "utf-8", label: "UTF-8" },
                { value: "shift_jis", label: "Shift_JIS" },
              ]}
              value={encoding ?? "auto"}
              onChange={recode}
              allowDeselect={false}
              w={160}
              data-testid="import-encoding"
            />
            {check.isPending && <Loader size="sm" aria-label={t("companyImport.reading")} />}
          </Group>
          {readError && (
            <Text c="red" size="sm" mt="sm">
              {t("companyImport.readFailed")}
            </Text>
          )}
        </Card>
        <FormError error={check.error ?? commit.error} />
        {report && (
          <Card withBorder padding="md" data-testid="import-report">
            <Group gap="xl" mb="sm">
              <Text size="sm" data-testid="import-encoding-detected">
                {t("companyImport.detected", { encoding: report.encoding })}
              </Text>
              <Text size="sm">{t("companyImport.rows", { rows: report.rows })}</Text>
            </Group>
            <Title order={2} size="h5" mb="xs">
              {t("companyImport.mapping")}
            </Title>
            <ImportMappingTable
              headers={headers}
              mapping={report.mapping}
              disabled={check.isPending || commit.isPending || Boolean(done)}
              onChange={remap}
            />
          </Card>
        )}
        {shown && shown.errors.length > 0 && <ImportErrorsTable errors={shown.errors} />}
        {shown && shown.errors.length === 0 && shown.warnings.length > 0 && (
          <ImportErrorsTable kind="warnings" errors={shown.warnings} />
        )}
        {report && report.errors.length === 0 && !done && (
          <Alert color="blue" data-testid="import-ready">
            <Text fw={600} data-testid="import-counts">
              {t("companyImport.counts", { created: report.created, updated: report.updated })}
            </Text>
            <Text size="sm">{t("companyImport.readyHelp")}</Text>
            <Group justify="flex-end" mt="sm">
              <Button onClick={run} loading={commit.isPending} disabled={check.isPending} data-testid="import-run">
                {t("companyImport.run")}
              </Button>
            </Group>
          </Alert>
        )}
        {done && (
          <Alert color="green" icon={<IconCheck size={18} />} data-testid="import-done">
            <Text fw={600}>{t("companyImport.done", { created: done.created, updated: done.updated })}</Text>
            <Anchor component={Link} to="/companies" size="sm">
              {t("company.back")}
            </Anchor>
          </Alert>
        )}
      </Stack>
    </>
  );
}
