import { Card, Group, Pagination, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { useMe } from "../../auth/queries";
import { canWriteCompanies } from "../access";
import { CompaniesTable } from "../components/CompaniesTable";
import { RegistryActions } from "../components/RegistryActions";
import { SelectionBar } from "../components/SelectionBar";
import { useCompanies, useRegistrySummary } from "../queries";

const PAGE_SIZE = 50;

/** 事業者台帳: search, 名寄せ counts, selection for merging, downloads. */
export function CompaniesPage() {
  const { t } = useI18n();
  const mayWrite = canWriteCompanies(useMe().data?.user);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const companies = useCompanies({ q, page, pageSize: PAGE_SIZE });
  const summary = useRegistrySummary().data;
  const items = companies.data?.items ?? [];
  const total = companies.data?.total ?? 0;

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const togglePage = () =>
    setSelected((prev) => {
      const all = items.every((c) => prev.has(c.id));
      const next = new Set(prev);
      for (const c of items) {
        if (all) next.delete(c.id);
        else next.add(c.id);
      }
      return next;
    });

  return (
    <>
      <PageHeader
        title={t("companies.title")}
        description={t("companies.description")}
        actions={<RegistryActions mayWrite={mayWrite} reviewPairs={summary?.reviewPairs ?? 0} />}
      />
      {summary && (
        <Text fw={600} mb="md" data-testid="companies-summary">
          {t("companies.summary", { ...summary })}
        </Text>
      )}
      <Card withBorder padding="md">
        <TextInput
          mb="md"
          maw={420}
          leftSection={<IconSearch size={16} />}
          placeholder={t("companies.searchHint")}
          aria-label={t("companies.search")}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          data-testid="companies-search"
        />
        {mayWrite && <SelectionBar ids={[...selected]} onClear={() => setSelected(new Set())} />}
        <QueryState isPending={companies.isPending} error={companies.error}>
          {items.length === 0 ? (
            <Text c="dimmed" ta="center" py="lg" data-testid="companies-empty">
              {t("companies.empty")}
            </Text>
          ) : (
            <>
              <CompaniesTable
                companies={items}
                selected={mayWrite ? selected : undefined}
                onToggle={mayWrite ? toggle : undefined}
                onTogglePage={togglePage}
              />
              <Group justify="space-between" mt="md">
                <Text size="sm" c="dimmed" data-testid="companies-total">
                  {t("companies.total", {
                    total,
                    from: (page - 1) * PAGE_SIZE + 1,
                    to: Math.min(page * PAGE_SIZE, total),
                  })}
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
