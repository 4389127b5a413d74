import { ActionIcon, Card, Group, Progress, Table, Text, Title, Tooltip } from "@mantine/core";
import type { DispatchFrame } from "@shien/contracts";
import { IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { QueryState } from "../../../../components/QueryState";
import { useI18n } from "../../../../lib/i18n";
import { useMe } from "../../../auth/queries";
import { canConfigureFor } from "../../access";
import { usePrograms } from "../../shared/queries";
import { useFrames } from "../queries";
import { FrameCapModal } from "./FrameCapModal";

function usage(f: DispatchFrame): { percent: number; color: string } {
  if (f.cap === null || f.cap === 0) return { percent: f.cap === 0 ? 100 : 0, color: "gray" };
  const percent = Math.min(100, (f.used / f.cap) * 100);
  return { percent, color: percent >= 100 ? "red" : percent >= 80 ? "orange" : "blue" };
}

/** 派遣枠 of the year: used against 延べ回数, with the per-company limit its department's managers set. */
export function FramesCard({ fiscalYear }: { fiscalYear: number }) {
  const { t } = useI18n();
  const user = useMe().data?.user;
  const frames = useFrames(fiscalYear);
  const programs = usePrograms(fiscalYear).data ?? [];
  const [editing, setEditing] = useState<DispatchFrame | null>(null);
  const departmentsOf = (programId: string) =>
    programs.find((p) => p.id === programId)?.departments.map((d) => d.id) ?? [];
  const items = frames.data ?? [];

  return (
    <Card withBorder padding="md" mb="lg" data-testid="frames">
      <Title order={2} size="h5" mb="sm">
        {t("frames.title")}
      </Title>
      <QueryState isPending={frames.isPending} error={frames.error}>
        {items.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="frames-empty">
            {t("frames.empty")}
          </Text>
        ) : (
          <Table verticalSpacing="xs" data-testid="frames-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("support.program")}</Table.Th>
                <Table.Th>{t("frames.name")}</Table.Th>
                <Table.Th w="30%">{t("frames.usage")}</Table.Th>
                {/* At 1366 px the usage column's 30% squeezed 「残り」 to one character a line. */}
                <Table.Th ta="right" miw={56} style={{ whiteSpace: "nowrap" }}>
                  {t("frames.remaining")}
                </Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
                  {t("frames.perCompanyCap")}
                </Table.Th>
                <Table.Th w={50} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((f) => {
                const { percent, color } = usage(f);
                return (
                  <Table.Tr key={f.id} data-testid="frame-row" data-frame-id={f.id}>
                    <Table.Td>
                      <Text size="sm">
                        {f.program.code} {f.program.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>{f.name}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Progress value={percent} color={color} style={{ flex: 1 }} aria-label={f.name} />
                        <Text
                          size="sm"
                          style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}
                          data-testid="frame-used"
                        >
                          {f.cap === null
                            ? t("frames.usedNoCap", { used: f.used })
                            : t("frames.usedOfCap", { used: f.used, cap: f.cap })}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}>
                      {f.remaining ?? "—"}
                    </Table.Td>
                    <Table.Td ta="right" data-testid="frame-per-company-cap">
                      {f.perCompanyCap === null ? t("frames.noLimit") : t("frames.times", { n: f.perCompanyCap })}
                    </Table.Td>
                    <Table.Td>
                      {canConfigureFor(user, departmentsOf(f.program.id)) && (
                        <Tooltip label={t("frames.editTitle")}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={`${t("frames.editTitle")}: ${f.name}`}
                            onClick={() => setEditing(f)}
                            data-testid="frame-edit"
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {editing && <FrameCapModal frame={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
