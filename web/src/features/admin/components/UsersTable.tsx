import { ActionIcon, Badge, Group, Menu, Table, Text, VisuallyHidden } from "@mantine/core";
import type { Department, User } from "@shien/contracts";
import {
  IconDotsVertical,
  IconKey,
  IconPencil,
  IconPlugConnectedX,
  IconUserCheck,
  IconUserOff,
} from "@tabler/icons-react";
import { roleLabelKey } from "../../../app/roles";
import { formatDateTime } from "../../../lib/datetime";
import { useI18n } from "../../../lib/i18n";

export type UserAction = "edit" | "resetPassword" | "revokeSessions" | "toggleDisabled";

interface UsersTableProps {
  users: User[];
  departments: Department[];
  currentUserId: string;
  onAction: (action: UserAction, user: User) => void;
}

export function UsersTable({ users, departments, currentUserId, onAction }: UsersTableProps) {
  const { t, locale } = useI18n();
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));

  if (users.length === 0) {
    return (
      <Text c="dimmed" py="lg" ta="center" data-testid="users-empty">
        {t("users.empty")}
      </Text>
    );
  }

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("users.login")}</Table.Th>
            <Table.Th>{t("users.displayName")}</Table.Th>
            <Table.Th>{t("users.role")}</Table.Th>
            <Table.Th>{t("users.departments")}</Table.Th>
            <Table.Th>{t("users.status")}</Table.Th>
            <Table.Th>{t("users.lastLogin")}</Table.Th>
            <Table.Th ta="right">{t("users.activeSessions")}</Table.Th>
            <Table.Th w={56}>
              <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} data-testid={`user-row-${user.login}`}>
              <Table.Td ff="monospace">{user.login}</Table.Td>
              <Table.Td>
                {user.displayName}
                {user.email && (
                  <Text size="xs" c="dimmed">
                    {user.email}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t(roleLabelKey[user.role])}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {user.departmentIds.map((id) => (
                    <Badge key={id} variant="light" size="sm">
                      {departmentName.get(id) ?? t("users.unknownDepartment")}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge color={user.disabled ? "gray" : "green"} variant={user.disabled ? "outline" : "light"}>
                  {user.disabled ? t("users.disabled") : t("users.enabled")}
                </Badge>
              </Table.Td>
              <Table.Td>
                {user.lastLoginAt ? formatDateTime(user.lastLoginAt, locale) : t("users.neverLoggedIn")}
              </Table.Td>
              <Table.Td ta="right">{user.activeSessions}</Table.Td>
              <Table.Td>
                <UserRowMenu user={user} isSelf={user.id === currentUserId} onAction={onAction} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function UserRowMenu({
  user,
  isSelf,
  onAction,
}: {
  user: User;
  isSelf: boolean;
  onAction: UsersTableProps["onAction"];
}) {
  const { t } = useI18n();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t("users.actionsFor", { name: user.displayName })}
          data-testid={`user-actions-${user.login}`}
        >
          <IconDotsVertical size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onAction("edit", user)}>
          {t("common.edit")}
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => onAction("resetPassword", user)}>
          {t("users.resetPassword")}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconPlugConnectedX size={16} />}
          disabled={user.activeSessions === 0}
          onClick={() => onAction("revokeSessions", user)}
        >
          {t("users.revokeSessions")}
        </Menu.Item>
        <Menu.Divider />
        {user.disabled ? (
          <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => onAction("toggleDisabled", user)}>
            {t("users.enable")}
          </Menu.Item>
        ) : (
          <Menu.Item
            color="red"
            leftSection={<IconUserOff size={16} />}
            // Disabling oneself ends this session and may leave the center without an administrator.
            disabled={isSelf}
            onClick={() => onAction("toggleDisabled", user)}
          >
            {t("users.disable")}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
