import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Translate } from "../../../lib/i18n";
import { undoMerge } from "../queries";

/**
 * "N件を統合しました" with a 元に戻す button. The notification is rendered outside the app's
 * providers, so its content uses no hooks: the strings are translated here.
 */
export function showMergeNotice(t: Translate, mergeId: string, count: number): void {
  const id = `merge-${mergeId}`;
  const undo = () => {
    notifications.update({ id, loading: true, message: t("meiyose.merged", { count }), autoClose: false });
    undoMerge(mergeId).then(
      () => notifications.update({ id, loading: false, color: "green", message: t("meiyose.undone"), autoClose: 4000 }),
      (error: unknown) =>
        notifications.update({
          id,
          loading: false,
          color: "red",
          message: t("meiyose.undoFailed", { message: error instanceof Error ? error.message : String(error) }),
          autoClose: 8000,
        }),
    );
  };
  notifications.show({
    id,
    color: "green",
    autoClose: 15_000,
    message: (
      <Group justify="space-between" gap="sm" wrap="nowrap" data-testid="merge-notice">
        <Text size="sm">{t("meiyose.merged", { count })}</Text>
        <Button size="compact-sm" variant="light" onClick={undo} data-testid="merge-undo">
          {t("meiyose.undo")}
        </Button>
      </Group>
    ),
  });
}
