import { Card, Select, Tabs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FollowUpItem } from "@shien/contracts";
import { useState } from "react";
import { FormError } from "../../../../components/FormError";
import { PageHeader } from "../../../../components/PageHeader";
import { QueryState } from "../../../../components/QueryState";
import { useI18n } from "../../../../lib/i18n";
import { useDepartments } from "../../../admin/queries";
import { useMe } from "../../../auth/queries";
import { canWriteFor } from "../../access";
import { FollowUpTable } from "../components/FollowUpTable";
import { type FollowUpScope, useFollowUpDone, useFollowUps } from "../queries";

/** アフターフォロー: open follow-ups, the reader's own or a department's, overdue first. */
export function FollowUpsPage() {
  const { t } = useI18n();
  const user = useMe().data?.user;
  const allDepartments = useDepartments().data ?? [];
  // Administrators look at any department; others at their own.
  const departments =
    user?.role === "admin"
      ? allDepartments.filter((d) => !d.archived).map((d) => ({ value: d.id, label: d.name }))
      : (user?.departments ?? []).map((d) => ({ value: d.id, label: d.name }));
  const [scope, setScope] = useState<FollowUpScope>("mine");
  const [departmentId, setDepartmentId] = useState<string | null>(
    user?.activeDepartmentId ?? user?.departments[0]?.id ?? null,
  );
  const list = useFollowUps(scope, departmentId);
  const done = useFollowUpDone();
  const [completingId, setCompletingId] = useState<string | null>(null);
  const items = list.data ?? [];

  const complete = (item: FollowUpItem) => {
    setCompletingId(item.consultation.id);
    done.mutate(
      { id: item.consultation.id, version: item.consultation.version },
      {
        onSuccess: () => {
          const name = item.consultation.companyName ?? item.consultation.personName ?? "";
          notifications.show({ color: "green", message: t("followUps.doneNotice", { name }) });
        },
        onSettled: () => setCompletingId(null),
      },
    );
  };

  return (
    <>
      <PageHeader title={t("followUps.title")} description={t("followUps.description")} />
      <Card withBorder padding="md">
        <Tabs value={scope} onChange={(v) => setScope(v === "department" ? "department" : "mine")} mb="md">
          <Tabs.List>
            <Tabs.Tab value="mine" data-testid="follow-ups-tab-mine">
              {t("followUps.mine")}
            </Tabs.Tab>
            <Tabs.Tab value="department" data-testid="follow-ups-tab-department">
              {t("followUps.department")}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
        {scope === "department" && (
          <Select
            label={t("support.department")}
            data={departments}
            value={departmentId}
            onChange={setDepartmentId}
            w={260}
            mb="md"
            data-testid="follow-ups-department"
          />
        )}
        <FormError error={done.error} />
        <QueryState isPending={list.isPending && list.fetchStatus !== "idle"} error={list.error}>
          {items.length === 0 ? (
            <Text c="dimmed" ta="center" py="lg" data-testid="follow-ups-empty">
              {scope === "department" && !departmentId ? t("followUps.chooseDepartment") : t("followUps.empty")}
            </Text>
          ) : (
            <FollowUpTable
              items={items}
              mayComplete={(item) => canWriteFor(user, [item.consultation.department.id])}
              onComplete={complete}
              completingId={completingId}
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}
