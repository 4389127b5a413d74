import { Button, Group, Select, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useI18n } from "../../../lib/i18n";
import { location } from "../../companies/components/CompaniesTable";
import { useCompanies } from "../../companies/queries";
import { NewCompanyModal } from "./NewCompanyModal";

export interface CompanyRef {
  id: string;
  name: string;
}

/**
 * 事業者 chosen by searching the registry (name, kana, 法人番号 or phone, as the registry page
 * searches), or registered on the spot with the registry's duplicate warning.
 */
export function CompanyPicker({
  value,
  onChange,
  error,
  allowCreate,
  required,
  testId = "company-picker",
}: {
  value: CompanyRef | null;
  onChange: (company: CompanyRef | null) => void;
  error?: string | undefined;
  allowCreate: boolean;
  required?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState(value?.name ?? "");
  const [q] = useDebouncedValue(search.trim(), 250);
  const [creating, setCreating] = useState(false);
  // While the box shows the chosen name, list around it; typing lists what was typed.
  const companies = useCompanies({ q, page: 1, pageSize: 20 });
  const found = companies.data?.items ?? [];
  const data = found.map((c) => ({ value: c.id, label: c.name }));
  if (value && !data.some((d) => d.value === value.id)) data.unshift({ value: value.id, label: value.name });
  const details = new Map(found.map((c) => [c.id, [location(c), c.phone].filter(Boolean).join(" / ")]));

  return (
    <>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Select
          style={{ flex: 1 }}
          label={t("support.company")}
          placeholder={t("support.picker.placeholder")}
          leftSection={<IconSearch size={16} />}
          searchable
          clearable
          required={required}
          data={data}
          value={value?.id ?? null}
          searchValue={search}
          onSearchChange={setSearch}
          // The server already searched (kana, 法人番号, phone): show its answer as it is.
          filter={({ options }) => options}
          onChange={(id, option) => onChange(id ? { id, name: option.label } : null)}
          nothingFoundMessage={companies.isFetching ? "…" : t("support.picker.nothing")}
          renderOption={({ option }) => (
            <div>
              <Text size="sm">{option.label}</Text>
              {details.get(option.value) && (
                <Text size="xs" c="dimmed">
                  {details.get(option.value)}
                </Text>
              )}
            </div>
          )}
          error={error}
          data-testid={testId}
        />
        {allowCreate && (
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() => setCreating(true)}
            mb={error ? 22 : 0}
            data-testid={`${testId}-create`}
          >
            {t("support.picker.create")}
          </Button>
        )}
      </Group>
      {creating && (
        <NewCompanyModal
          initialName={value ? "" : search.trim()}
          onClose={() => setCreating(false)}
          onCreated={(company) => {
            setCreating(false);
            setSearch(company.name);
            onChange({ id: company.id, name: company.name });
          }}
        />
      )}
    </>
  );
}
