import { notifications } from "@mantine/notifications";
import type { User } from "@shien/contracts";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { useI18n } from "../../../lib/i18n";
import { useRevokeSessions, useUpdateUser } from "../queries";

/** End every session of a user (a lost laptop, a shared PC left signed in). */
export function RevokeSessionsDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useI18n();
  const revoke = useRevokeSessions();
  return (
    <ConfirmDialog
      opened
      title={t("users.revokeSessions")}
      message={t("users.revokeConfirm", { name: user.displayName, count: user.activeSessions })}
      confirmLabel={t("users.revokeSessions")}
      danger
      loading={revoke.isPending}
      error={revoke.error}
      onClose={onClose}
      onConfirm={() =>
        revoke.mutate(user.id, {
          onSuccess: (result) => {
            notifications.show({ color: "green", message: t("users.revoked", { count: result.ended }) });
            onClose();
          },
        })
      }
    />
  );
}

/** Disable (also ends the user's sessions) or enable again. */
export function ToggleDisabledDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useI18n();
  const update = useUpdateUser();
  const disabling = !user.disabled;
  return (
    <ConfirmDialog
      opened
      title={disabling ? t("users.disable") : t("users.enable")}
      message={t(disabling ? "users.disableConfirm" : "users.enableConfirm", { name: user.displayName })}
      confirmLabel={disabling ? t("users.disable") : t("users.enable")}
      danger={disabling}
      loading={update.isPending}
      error={update.error}
      onClose={onClose}
      onConfirm={() =>
        update.mutate(
          { id: user.id, disabled: disabling },
          {
            onSuccess: () => {
              const key = disabling ? "users.disabledDone" : "users.enabledDone";
              notifications.show({ color: "green", message: t(key, { name: user.displayName }) });
              onClose();
            },
          },
        )
      }
    />
  );
}
