import { Button, Card, Group, Pagination, Select, Tabs, Text } from "@mantine/core";
import type { ReferralStatus } from "@shien/contracts";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { PageHeader } from "../../../../components/PageHeader";
import { QueryState } from "../../../../components/QueryState";
import { useI18n } from "../../../../lib/i18n";
import { useMe } from "../../../auth/queries";
import { canRecordSupport } from "../../access";
import { REFERRAL_STATUSES, referralStatusLabelKey } from "../../labels";
import { ReferralFormModal } from "../components/ReferralFormModal";
import { ReferralsTable } from "../components/ReferralsTable";
import { type ReferralBox, useReferrals } from "../queries";

const PAGE_SIZE = 50;
const BOXES: ReferralBox[] = ["incoming", "outgoing", "all"];

/** 橋渡し: what came in to the reader's departments (the queue), what they sent, or everything they may see. */
export function ReferralsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const user = useMe().data?.user;
  const [params, setParams] = useSearchParams();
  const box = BOXES.find((b) => b === params.get("box")) ?? "incoming";
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [status, setStatus] = useState<ReferralStatus | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useReferrals({ box, departmentId, status, page, pageSize: PAGE_SIZE });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const myDepartments = (user?.departments ?? []).map((d) => ({ value: d.id, label: d.name }));

  return (
    <>
      <PageHeader
        title={t("referrals.title")}
        description={t("referrals.description")}
        actions={
          canRecordSupport(user) && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="referrals-new">
              {t("referrals.new")}
            </Button>
          )
        }
      />
      <Card withBorder padding="md">
        <Tabs
          value={box}
          onChange={(v) => {
            setParams(v && v !== "incoming" ? { box: v } : {}, { replace: true });
            setPage(1);
          }}
          mb="md"
        >
          <Tabs.List>
            {BOXES.map((b) => (
              <Tabs.Tab key={b} value={b} data-testid={`referrals-tab-${b}`}>
                {t(`referrals.box.${b}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <Group gap="sm" mb="md" align="flex-end">
          {box !== "all" && myDepartments.length > 1 && (
            <Select
              label={t("support.department")}
              placeholder={t("referrals.allMyDepartments")}
              data={myDepartments}
              value={departmentId}
              onChange={(v) => {
                setDepartmentId(v);
                setPage(1);
              }}
              clearable
              w={240}
              data-testid="referrals-department"
            />
          )}
          <Select
            label={t("support.status")}
            placeholder={t("support.all")}
            data={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(referralStatusLabelKey[s]) }))}
            value={status}
            onChange={(v) => {
              setStatus(v as ReferralStatus | null);
              setPage(1);
            }}
            clearable
            w={180}
            data-testid="referrals-status"
          />
        </Group>
        <QueryState isPending={list.isPending} error={list.error}>
          {items.length === 0 ? (
            <Text c="dimmed" ta="center" py="lg" data-testid="referrals-empty">
              {t(`referrals.empty.${box}`)}
            </Text>
          ) : (
            <>
              <ReferralsTable items={items} />
              <Group justify="space-between" mt="md">
                <Text size="sm" c="dimmed">
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
      {creating && (
        <ReferralFormModal
          onClose={() => setCreating(false)}
          onCreated={(referral) => navigate(`/support/referrals/${referral.id}`)}
        />
      )}
    </>
  );
}
