import { List, Text } from "@mantine/core";
import type { ProgramDetail } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";
import { formatCount } from "../../../lib/numbers";

type Output = ProgramDetail["outputs"][number];

/** 専門家派遣（一般枠）：延べ195回 — and the printed wording where it says more. */
export function OutputsList({ outputs }: { outputs: readonly Output[] }) {
  const { t } = useI18n();
  return (
    <List size="sm" spacing={4} data-testid="program-outputs">
      {outputs.map((o, index) => {
        const quantity =
          o.quantity === null
            ? null
            : `${o.cumulative ? `${t("program.cumulative")} ` : ""}${formatCount(o.quantity)}${o.unit}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: outputs have no id and never reorder
          <List.Item key={index}>
            <Text span size="sm">
              {o.label}
            </Text>
            {quantity && (
              <Text span size="sm" fw={600} style={{ fontVariantNumeric: "tabular-nums" }}>
                {"："}
                {quantity}
              </Text>
            )}
            {o.text && o.text !== o.label && (
              <Text span size="xs" c="dimmed">
                {quantity ? "（" : "："}
                {o.text}
                {quantity ? "）" : ""}
              </Text>
            )}
          </List.Item>
        );
      })}
    </List>
  );
}
