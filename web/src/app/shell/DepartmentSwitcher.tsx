import { Select } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { SessionUser } from "@shien/contracts";
import { IconBuilding } from "@tabler/icons-react";
import { useSetActiveDepartment } from "../../features/auth/queries";
import { useI18n } from "../../lib/i18n";

const ALL = "all";

/** Which of the user's departments the screens show; "all" means every department the user belongs to. */
export function DepartmentSwitcher({ user, width }: { user: SessionUser; width: number | string }) {
  const { t } = useI18n();
  const setActive = useSetActiveDepartment();
  if (user.departments.length === 0) return null;

  const data = [
    { value: ALL, label: t("shell.allDepartments") },
    ...user.departments.map((d) => ({ value: d.id, label: d.name })),
  ];

  const change = (value: string | null) => {
    if (!value) return;
    const departmentId = value === ALL ? null : value;
    if (departmentId === user.activeDepartmentId) return;
    setActive.mutate(
      { departmentId },
      { onError: (error) => notifications.show({ color: "red", message: error.message }) },
    );
  };

  return (
    <Select
      aria-label={t("shell.activeDepartment")}
      data={data}
      value={user.activeDepartmentId ?? ALL}
      onChange={change}
      allowDeselect={false}
      disabled={setActive.isPending}
      leftSection={<IconBuilding size={16} />}
      w={width}
      size="sm"
      comboboxProps={{ withinPortal: true }}
      data-testid="department-switcher"
    />
  );
}
