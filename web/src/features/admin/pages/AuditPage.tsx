import { Card, CloseButton, Group, Pagination, Pill, Text } from "@mantine/core";
import type { AuditQuery } from "@shien/contracts";
import { useState } from "react";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { useMe } from "../../auth/queries";
import { AuditFilters, type AuditFilterValues, EMPTY_AUDIT_FILTERS } from "../components/AuditFilters";
import { AuditTable, type EntityNames } from "../components/AuditTable";
import { useAuditLog, useDepartments, useUsers } from "../queries";

const PAGE_SIZE = 50;

function toQuery(filters: AuditFilterValues, page: number): Partial<AuditQuery> {
  return {
    entity: filters.entity ?? undefined,
    entityId: filters.entityId ?? undefined,
    action: filters.action ?? undefined,
    actorUserId: filters.actorUserId ?? undefined,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
    page,
    pageSize: PAGE_SIZE,
  };
}

export function AuditPage() {
  const { t } = useI18n();
  const me = useMe().data;
  const [filters, setFilters] = useState<AuditFilterValues>(EMPTY_AUDIT_FILTERS);
  const [page, setPage] = useState(1);
  const log = useAuditLog(toQuery(filters, page));
  const users = useUsers({ includeDisabled: true });
  const departments = useDepartments();

  const userName = new Map((users.data ?? []).map((u) => [u.id, `${u.displayName} (${u.login})`]));
  const departmentName = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
  const names: EntityNames = {
    department: (id) => departmentName.get(id),
    entity: (entity, id) => {
      if (entity === "user") return userName.get(id);
      if (entity === "department") return departmentName.get(id);
      if (entity === "organization" && me && id === me.user.org.id) return me.user.org.name;
      return undefined;
    },
  };

  const changeFilters = (next: AuditFilterValues) => {
    setFilters(next);
    setPage(1);
  };
  const totalPages = log.data ? Math.max(1, Math.ceil(log.data.total / PAGE_SIZE)) : 1;
  const targetName = filters.entity && filters.entityId ? names.entity(filters.entity, filters.entityId) : undefined;

  return (
    <>
      <PageHeader title={t("audit.title")} description={t("audit.description")} />
      <Card withBorder padding="md">
        <AuditFilters
          value={filters}
          onChange={changeFilters}
          actors={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.login})` }))}
        />
        {filters.entityId && (
          <Group gap="xs" mb="md">
            <Text size="sm">{t("audit.targetFilter")}</Text>
            <Pill size="md">{targetName ?? filters.entityId}</Pill>
            <CloseButton
              size="sm"
              aria-label={t("audit.clearTargetFilter")}
              onClick={() => changeFilters({ ...filters, entityId: null })}
            />
          </Group>
        )}
        <QueryState isPending={log.isPending} error={log.error}>
          {log.data && (
            <>
              <Text size="sm" c="dimmed" mb="xs" data-testid="audit-total">
                {t("audit.total", { total: log.data.total })}
              </Text>
              <AuditTable
                entries={log.data.items}
                names={names}
                onSelectEntity={(entity, entityId) => changeFilters({ ...filters, entity, entityId })}
              />
              {totalPages > 1 && (
                <Group justify="center" mt="md">
                  <Pagination total={totalPages} value={page} onChange={setPage} data-testid="audit-pagination" />
                </Group>
              )}
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
