import { Button, Menu, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { SessionUser } from "@shien/contracts";
import { IconCalendar, IconCheck, IconChevronDown, IconKey, IconLogout, IconUserCircle } from "@tabler/icons-react";
import { useNavigate } from "react-router-dom";
import { PasswordChangeModal } from "../../features/auth/components/PasswordChangeModal";
import { useLogout } from "../../features/auth/queries";
import { useI18n } from "../../lib/i18n";
import { roleLabelKey } from "../roles";

export function UserMenu({ user }: { user: SessionUser }) {
  const { t, dateStyle, setDateStyle } = useI18n();
  const logout = useLogout();
  const navigate = useNavigate();
  const [passwordOpened, password] = useDisclosure(false);

  const signOut = () => {
    // Land on the home page at the next sign-in, whoever signs in.
    logout.mutate(undefined, { onSettled: () => navigate("/", { replace: true }) });
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconUserCircle size={18} />}
            rightSection={<IconChevronDown size={14} />}
            data-testid="user-menu"
          >
            <Text span size="sm" fw={600} truncate="end" maw={{ base: 96, sm: 200 }}>
              {user.displayName}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {user.login} · {t(roleLabelKey[user.role])}
          </Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={password.open} data-testid="menu-password">
            {t("shell.changePassword")}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Label>
            <IconCalendar size={12} style={{ verticalAlign: "-1px" }} /> {t("shell.dateStyle")}
          </Menu.Label>
          {(["wareki", "seireki"] as const).map((style) => (
            <Menu.Item
              key={style}
              leftSection={<IconCheck size={16} style={{ visibility: dateStyle === style ? "visible" : "hidden" }} />}
              onClick={() => setDateStyle(style)}
              aria-checked={dateStyle === style}
              role="menuitemradio"
              data-testid={`menu-date-${style}`}
            >
              {t(style === "wareki" ? "shell.dateStyleWareki" : "shell.dateStyleSeireki")}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={signOut} data-testid="menu-logout">
            {t("shell.logout")}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <PasswordChangeModal opened={passwordOpened} onClose={password.close} />
    </>
  );
}
