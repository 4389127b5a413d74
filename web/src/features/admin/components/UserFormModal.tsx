import { Button, Group, MultiSelect, PasswordInput, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Department, Role, User } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { ROLE_ORDER, roleLabelKey } from "../../../app/roles";
import { FormError, fieldError } from "../../../components/FormError";
import { FormModal, useFormDirty } from "../../../components/FormModal";
import { useRequiredFields } from "../../../components/useRequiredFields";
import { useI18n } from "../../../lib/i18n";
import { PASSWORD_MIN } from "../../../lib/policy";
import { useCreateUser, useUpdateUser } from "../queries";

const USER_FIELDS = ["login", "displayName", "email", "role", "departmentIds", "password"];

interface UserFormModalProps {
  /** The user to edit; absent to create one. */
  user?: User | undefined;
  departments: Department[];
  onClose: () => void;
}

/** Create or edit a user. Mounted only while open, so every opening starts from fresh values. */
export function UserFormModal({ user, departments, onClose }: UserFormModalProps) {
  const { t } = useI18n();
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;
  const [login, setLogin] = useState(user?.login ?? "");
  const [displayName, setDisplayName] = useState(user?.displayName ?? "");
  const [email, setEmail] = useState(user?.email ?? "");
  const [role, setRole] = useState<Role>(user?.role ?? "staff");
  const [departmentIds, setDepartmentIds] = useState<string[]>(user?.departmentIds ?? []);
  const [password, setPassword] = useState("");
  const dirty = useFormDirty({ login, displayName, email, role, departmentIds, password });
  const required = useRequiredFields({
    ...(user ? {} : { login: { label: t("users.login"), value: login } }),
    displayName: { label: t("users.displayName"), value: displayName },
    departmentIds: { label: t("users.departments"), value: departmentIds, choose: true },
    ...(user ? {} : { password: { label: t("users.initialPassword"), value: password } }),
  });

  // Archived departments are offered only where the user already belongs to them.
  const departmentOptions = departments
    .filter((d) => !d.archived || departmentIds.includes(d.id))
    .map((d) => ({ value: d.id, label: d.archived ? `${d.name} (${t("departments.archived")})` : d.name }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!required.check(event)) return;
    const common = { displayName: displayName.trim(), email: email.trim() || null, role, departmentIds };
    const done = (messageKey: "users.created" | "users.updated") => () => {
      notifications.show({ color: "green", message: t(messageKey, { name: common.displayName }) });
      onClose();
    };
    if (user) {
      update.mutate({ id: user.id, ...common }, { onSuccess: done("users.updated") });
    } else {
      create.mutate({ ...common, login: login.trim(), password }, { onSuccess: done("users.created") });
    }
  };

  return (
    <FormModal dirty={dirty} onClose={onClose} title={user ? t("users.editTitle") : t("users.createTitle")} size="lg">
      <form noValidate onSubmit={submit} data-testid="user-form">
        <Stack>
          <TextInput
            label={t("users.login")}
            description={user ? undefined : t("users.loginHint")}
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
            disabled={Boolean(user)}
            required
            autoComplete="off"
            error={required.errors.login ?? fieldError(mutation.error, "login")}
            data-autofocus={user ? undefined : true}
            data-testid="user-form-login"
          />
          <TextInput
            label={t("users.displayName")}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            required
            error={required.errors.displayName ?? fieldError(mutation.error, "displayName")}
            data-autofocus={user ? true : undefined}
            data-testid="user-form-display-name"
          />
          <TextInput
            label={t("users.email")}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(mutation.error, "email")}
            data-testid="user-form-email"
          />
          <Select
            label={t("users.role")}
            data={ROLE_ORDER.map((r) => ({ value: r, label: t(roleLabelKey[r]) }))}
            value={role}
            onChange={(value) => value && setRole(value as Role)}
            allowDeselect={false}
            required
            error={fieldError(mutation.error, "role")}
            data-testid="user-form-role"
          />
          <MultiSelect
            label={t("users.departments")}
            data={departmentOptions}
            value={departmentIds}
            onChange={setDepartmentIds}
            searchable
            required
            nothingFoundMessage={t("users.noDepartmentFound")}
            error={required.errors.departmentIds ?? fieldError(mutation.error, "departmentIds")}
            data-testid="user-form-departments"
          />
          {!user && (
            <PasswordInput
              label={t("users.initialPassword")}
              description={t("password.policy", { min: PASSWORD_MIN })}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              required
              autoComplete="new-password"
              error={required.errors.password ?? fieldError(mutation.error, "password")}
              data-testid="user-form-password"
            />
          )}
          <FormError error={mutation.error} fields={USER_FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="user-form-submit">
              {user ? t("common.save") : t("users.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
