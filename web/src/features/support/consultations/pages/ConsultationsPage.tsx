import { Button, Card, Group, Pagination, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconDownload, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router-dom";
import { PageHeader } from "../../../../components/PageHeader";
import { QueryState } from "../../../../components/QueryState";
import { useI18n } from "../../../../lib/i18n";
import { useMe } from "../../../auth/queries";
import { canRecordSupport } from "../../access";
import { ConsultationFilterBar } from "../components/ConsultationFilterBar";
import { ConsultationsTable } from "../components/ConsultationsTable";
import { consultationExportUrl, EMPTY_CONSULTATION_FILTERS, useConsultations } from "../queries";

const PAGE_SIZE = 50;

/** 相談・訪問記録: every department's records the reader may see, filtered, with a CSV of the same filter. */
export function ConsultationsPage() {
  const { t } = useI18n();
  const mayRecord = canRecordSupport(useMe().data?.user);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [filters, setFilters] = useState(EMPTY_CONSULTATION_FILTERS);
  const [page, setPage] = useState(1);
  const query = { ...filters, q };
  const list = useConsultations(query, page, PAGE_SIZE);
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={t("consultations.title")}
        description={t("consultations.description")}
        actions={
          <>
            <Button
              component="a"
              href={consultationExportUrl(query)}
              variant="default"
              leftSection={<IconDownload size={16} />}
              data-testid="consultations-export"
            >
              {t("consultations.exportCsv")}
            </Button>
            {mayRecord && (
              <Button
                component={Link}
                to="/support/consultations/new"
                leftSection={<IconPlus size={16} />}
                data-testid="consultations-new"
              >
                {t("consultations.new")}
              </Button>
            )}
          </>
        }
      />
      <Card withBorder padding="md">
        <ConsultationFilterBar
          value={filters}
          search={search}
          onSearch={(text) => {
            setSearch(text);
            setPage(1);
          }}
          onChange={(next) => {
            setFilters(next);
            setPage(1);
          }}
        />
        <QueryState isPending={list.isPending} error={list.error}>
          {items.length === 0 ? (
            <Text c="dimmed" ta="center" py="lg" data-testid="consultations-empty">
              {t("consultations.empty")}
            </Text>
          ) : (
            <>
              <ConsultationsTable items={items} />
              <Group justify="space-between" mt="md">
                <Text size="sm" c="dimmed" data-testid="consultations-total">
                  {t("support.total", { total })}
                </Text>
                {total > PAGE_SIZE && (
                  <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" />
                )}
              </Group>
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
