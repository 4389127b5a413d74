import { Button, Group, Modal, PasswordInput, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { useI18n } from "../../../lib/i18n";
import { PASSWORD_MIN } from "../../../lib/policy";
import { useChangePassword } from "../queries";

/** The signed-in user's own password. The server ends the user's other sessions. */
export function PasswordChangeModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const change = useChangePassword();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const mismatch = confirm.length > 0 && next !== confirm;

  const close = () => {
    setCurrent("");
    setNext("");
    setConfirm("");
    change.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (next !== confirm) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("password.changed") });
          close();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t("password.title")} centered>
      <form onSubmit={submit} data-testid="password-change-form">
        <Stack>
          <Text size="sm" c="dimmed">
            {t("password.policy", { min: PASSWORD_MIN })}
          </Text>
          <PasswordInput
            label={t("password.current")}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            autoComplete="current-password"
            required
            error={fieldError(change.error, "currentPassword")}
            data-testid="password-current"
          />
          <PasswordInput
            label={t("password.new")}
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            autoComplete="new-password"
            required
            error={fieldError(change.error, "newPassword")}
            data-testid="password-new"
          />
          <PasswordInput
            label={t("password.confirm")}
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            autoComplete="new-password"
            required
            error={mismatch ? t("password.mismatch") : undefined}
            data-testid="password-confirm"
          />
          <FormError error={change.error} fields={["currentPassword", "newPassword"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button
              type="submit"
              loading={change.isPending}
              disabled={!current || !next || next !== confirm}
              data-testid="password-submit"
            >
              {t("password.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
