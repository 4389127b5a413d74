import { Accordion, List, Text } from "@mantine/core";
import { IconNotes } from "@tabler/icons-react";

/**
 * Where the transcription had to interpret the document: folded away by default, since staff read
 * the plan, not the notes, but always one click from the figures they qualify.
 */
export function NotesSection({
  title,
  notes,
  source,
  testId,
}: {
  title: string;
  notes: readonly string[];
  /** The transcription's source line, shown above the notes. */
  source?: { label: string; text: string } | undefined;
  testId?: string;
}) {
  if (notes.length === 0 && !source) return null;
  return (
    <Accordion variant="contained" chevronPosition="left" data-testid={testId}>
      <Accordion.Item value="notes">
        <Accordion.Control icon={<IconNotes size={16} />}>
          <Text size="sm" fw={600}>
            {title}
          </Text>
        </Accordion.Control>
        <Accordion.Panel>
          {source && (
            <Text size="sm" mb="sm">
              <Text span fw={600}>
                {source.label}：
              </Text>
              {source.text}
            </Text>
          )}
          <List size="sm" spacing={6}>
            {notes.map((note, index) => (
              // Notes are plain text without ids; their order is fixed.
              // biome-ignore lint/suspicious/noArrayIndexKey: static list
              <List.Item key={index}>{note}</List.Item>
            ))}
          </List>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
