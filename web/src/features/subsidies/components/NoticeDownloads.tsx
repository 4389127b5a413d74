import { Button, Card, Group, Text, Title } from "@mantine/core";
import type { Locale, SubsidyApplication, SubsidyStatus } from "@shien/contracts";
import { IconFileTypePdf } from "@tabler/icons-react";
import { useI18n } from "../../../lib/i18n";

type NoticeKind = "decision" | "confirmation" | "rejection";

/**
 * The notices an application has in its state, as the server issues them
 * (server/src/modules/subsidies/notices/notices.service.ts): a 交付決定 stands from 交付決定 to 支払,
 * the 額の確定 from 額の確定 on, and 不採択 is its own end.
 */
const ISSUED_IN: Record<NoticeKind, readonly SubsidyStatus[]> = {
  decision: ["decided", "reported", "confirmed", "claimed", "paid"],
  confirmation: ["confirmed", "claimed", "paid"],
  rejection: ["rejected"],
};

const TEXT: Record<Locale, { title: string; hint: string } & Record<NoticeKind, string>> = {
  ja: {
    title: "通知書",
    hint: "PDFをダウンロードします（文書番号・和暦の日付・算定の内訳入り）",
    decision: "交付決定通知書",
    confirmation: "額の確定通知書",
    rejection: "不採択通知書",
  },
  en: {
    title: "Notices",
    hint: "Downloads the PDF (with its reference number, Japanese-era date and the working)",
    decision: "Grant decision notice",
    confirmation: "Amount confirmation notice",
    rejection: "Rejection notice",
  },
};

export function noticeUrl(applicationId: string, kind: NoticeKind): string {
  return `/api/subsidies/applications/${encodeURIComponent(applicationId)}/notices/${kind}.pdf`;
}

/** 通知書 (PDF) of the application, as plain download links; nothing is shown before there is one. */
export function NoticeDownloads({ application: a }: { application: SubsidyApplication }) {
  const { locale } = useI18n();
  const text = TEXT[locale];
  const kinds = (Object.keys(ISSUED_IN) as NoticeKind[]).filter(
    (k) =>
      ISSUED_IN[k].includes(a.status) &&
      (k !== "decision" || a.decisionNo !== null) &&
      (k !== "confirmation" || a.confirmationNo !== null),
  );
  if (kinds.length === 0) return null;
  return (
    <Card withBorder padding="md" data-testid="application-notices">
      <Group justify="space-between" align="center" wrap="wrap">
        <div>
          <Title order={2} size="h5">
            {text.title}
          </Title>
          <Text size="xs" c="dimmed">
            {text.hint}
          </Text>
        </div>
        <Group gap="xs">
          {kinds.map((k) => (
            <Button
              key={k}
              component="a"
              href={noticeUrl(a.id, k)}
              download
              variant="default"
              leftSection={<IconFileTypePdf size={16} />}
              data-testid={`notice-${k}`}
            >
              {text[k]}
            </Button>
          ))}
        </Group>
      </Group>
    </Card>
  );
}
