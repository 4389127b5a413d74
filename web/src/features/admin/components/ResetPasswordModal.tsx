import { Button, Group, PasswordInput, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { User } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { FormModal, useFormDirty } from "../../../components/FormModal";
import { useI18n } from "../../../lib/i18n";
import { PASSWORD_MIN } from "../../../lib/policy";
import { useResetPassword } from "../queries";

/** An administrator sets a new password for a user who cannot sign in. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useI18n();
  const reset = useResetPassword();
  const [password, setPassword] = useState("");
  const dirty = useFormDirty({ password });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate(
      { id: user.id, newPassword: password },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("users.passwordReset", { name: user.displayName }) });
          onClose();
        },
      },
    );
  };

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t("users.resetPasswordTitle", { name: user.displayName })}>
      <form noValidate onSubmit={submit} data-testid="reset-password-form">
        <Stack>
          <Text size="sm">{t("users.resetPasswordHelp")}</Text>
          <PasswordInput
            label={t("password.new")}
            description={t("password.policy", { min: PASSWORD_MIN })}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="new-password"
            required
            data-autofocus
            error={fieldError(reset.error, "newPassword")}
            data-testid="reset-password-input"
          />
          <FormError error={reset.error} fields={["newPassword"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={reset.isPending} disabled={!password} data-testid="reset-password-submit">
              {t("users.resetPassword")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
