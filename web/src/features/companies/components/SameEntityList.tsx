import { Anchor, List, Text } from "@mantine/core";
import type { Company } from "@shien/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { useI18n } from "../../../lib/i18n";
import { type CompanyPage, companyKeys } from "../queries";
import { location } from "./CompaniesTable";

/**
 * The other records of the same business. The API has no "records of an entity" endpoint, so
 * this reads the registry pages already loaded in this tab.
 */
export function SameEntityList({ company }: { company: Company }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const others = new Map<string, Company>();
  if (company.entityKey) {
    for (const [, page] of client.getQueriesData<CompanyPage>({ queryKey: companyKeys.lists })) {
      for (const c of page?.items ?? []) {
        if (c.entityKey === company.entityKey && c.id !== company.id) others.set(c.id, c);
      }
    }
  }
  if (others.size === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("meiyose.sameEntityNone")}
      </Text>
    );
  }
  return (
    <List size="sm" data-testid="same-entity-list">
      {[...others.values()].map((c) => (
        <List.Item key={c.id}>
          <Anchor component={Link} to={`/companies/${c.id}`}>
            {c.name}
          </Anchor>{" "}
          <Text span size="xs" c="dimmed">
            {[location(c), c.phone].filter(Boolean).join(" / ")}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
