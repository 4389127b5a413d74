import { List, ThemeIcon } from "@mantine/core";
import { IconCheck, IconMinus, IconX } from "@tabler/icons-react";
import type { MatchReason } from "../queries";

/** The engine's reasons, as the Japanese sentences it wrote; agreeing ones in green. */
export function MatchReasons({ reasons }: { reasons: MatchReason[] }) {
  return (
    <List spacing={2} size="sm" data-testid="match-reasons">
      {reasons.map((r) => {
        const color = r.weight > 0 ? "green" : r.weight < 0 ? "red" : "gray";
        const Icon = r.weight > 0 ? IconCheck : r.weight < 0 ? IconX : IconMinus;
        return (
          <List.Item
            key={`${r.field}-${r.agreement}`}
            icon={
              <ThemeIcon color={color} size={18} radius="xl" variant="light">
                <Icon size={12} />
              </ThemeIcon>
            }
            data-testid="match-reason"
          >
            {r.detail}
          </List.Item>
        );
      })}
    </List>
  );
}
