import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { PlanOverview } from "@shien/contracts";
import { IconChecks, IconFileCode, IconFileSpreadsheet, IconRefresh } from "@tabler/icons-react";
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { useI18n } from "../../../lib/i18n";
import { useMe } from "../../auth/queries";
import { canRevisePlan } from "../access";
import { exportUrl, useAdoptPlan } from "../queries";
import { ReviseModal } from "./ReviseModal";

type Plan = PlanOverview["plan"];

/**
 * Downloads (plain links: the browser saves them under the server's Japanese file name) and,
 * for administrators, 採択 of a draft or 見直し of an adopted plan.
 */
export function PlanActions({ plan }: { plan: Plan }) {
  const { t } = useI18n();
  const user = useMe().data?.user;
  const adopt = useAdoptPlan(plan.id);
  const [dialog, setDialog] = useState<"adopt" | "revise" | null>(null);
  const close = () => {
    adopt.reset();
    setDialog(null);
  };
  const mayRevise = user ? canRevisePlan(user) : false;

  return (
    <>
      <Button
        component="a"
        href={exportUrl(plan.id, "xlsx")}
        download
        leftSection={<IconFileSpreadsheet size={16} />}
        title={t("plans.downloadHint")}
        data-testid="plan-download-xlsx"
      >
        {t("plans.downloadXlsx")}
      </Button>
      <Button
        component="a"
        href={exportUrl(plan.id, "yaml")}
        download
        variant="default"
        leftSection={<IconFileCode size={16} />}
        title={t("plans.downloadHint")}
        data-testid="plan-download-yaml"
      >
        {t("plans.downloadYaml")}
      </Button>
      {mayRevise && plan.status === "draft" && (
        <Button
          color="green"
          leftSection={<IconChecks size={16} />}
          onClick={() => setDialog("adopt")}
          data-testid="plan-adopt"
        >
          {t("planAdopt.action")}
        </Button>
      )}
      {mayRevise && plan.status === "adopted" && (
        <Button
          variant="light"
          color="orange"
          leftSection={<IconRefresh size={16} />}
          onClick={() => setDialog("revise")}
          data-testid="plan-revise"
        >
          {t("planRevise.action")}
        </Button>
      )}
      {dialog === "adopt" && (
        <ConfirmDialog
          opened
          title={t("planAdopt.title")}
          message={t("planAdopt.confirm", { title: plan.title })}
          confirmLabel={t("planAdopt.action")}
          loading={adopt.isPending}
          error={adopt.error}
          onClose={close}
          onConfirm={() =>
            adopt.mutate(undefined, {
              onSuccess: () => {
                notifications.show({ color: "green", message: t("planAdopt.done") });
                close();
              },
            })
          }
        />
      )}
      {dialog === "revise" && <ReviseModal planId={plan.id} onClose={close} />}
    </>
  );
}
