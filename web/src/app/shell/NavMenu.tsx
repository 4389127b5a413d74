import { NavLink, Stack, Text } from "@mantine/core";
import type { SessionUser } from "@shien/contracts";
import { useEffect, useRef } from "react";
import { Link, useLocation } from "react-router-dom";
import { useI18n } from "../../lib/i18n";
import { NAV_ITEMS, NAV_SECTIONS } from "../nav";

function isActive(itemPath: string, currentPath: string): boolean {
  return itemPath === "/" ? currentPath === "/" : currentPath === itemPath || currentPath.startsWith(`${itemPath}/`);
}

/** The navbar, built from the registry in ../nav.ts. */
export function NavMenu({ user, onNavigate }: { user: SessionUser; onNavigate: () => void }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const navRef = useRef<HTMLDivElement>(null);

  // The menu scrolls on short screens: keep the current page's entry in view (after a reload on 組織設定, say).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page changes; the entry it finds is the page's
  useEffect(() => {
    navRef.current?.querySelector("[data-active]")?.scrollIntoView({ block: "nearest" });
  }, [pathname]);

  return (
    <Stack gap="md" component="nav" aria-label={t("shell.navigation")} ref={navRef}>
      {NAV_SECTIONS.map((section) => {
        const items = NAV_ITEMS.filter((item) => item.section === section.id && item.audience(user));
        if (items.length === 0) return null;
        return (
          <Stack gap={2} key={section.id}>
            {section.labelKey && (
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
                {t(section.labelKey)}
              </Text>
            )}
            {items.map((item) => (
              <NavLink
                key={item.id}
                component={Link}
                to={item.path}
                label={t(item.labelKey)}
                leftSection={<item.icon size={18} stroke={1.6} />}
                active={isActive(item.path, pathname)}
                onClick={onNavigate}
                data-testid={`nav-${item.id}`}
              />
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}
