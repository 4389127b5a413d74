import { Anchor, Button, Card, FileInput, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { SessionUser, SubsidyApplication } from "@shien/contracts";
import { IconDownload, IconFileUpload, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { FormError, fieldError } from "../../../components/FormError";
import { QueryState } from "../../../components/QueryState";
import { formatDateTime } from "../../../lib/datetime";
import { type MessageKey, useI18n } from "../../../lib/i18n";
import { readAsBase64 } from "../../companies/read-file";
import { canRecordSubsidy } from "../access";
import {
  attachmentUrl,
  type SubsidyAttachment,
  useAddAttachment,
  useAttachments,
  useDeleteAttachment,
} from "../attachment-queries";

/** The kinds offered (stored as the Japanese word, as the server's contract describes them). */
const KINDS: readonly { value: string; labelKey: MessageKey }[] = [
  { value: "申請書", labelKey: "subsidies.attachments.kind.application" },
  { value: "見積書", labelKey: "subsidies.attachments.kind.estimate" },
  { value: "実績報告書", labelKey: "subsidies.attachments.kind.report" },
  { value: "領収書", labelKey: "subsidies.attachments.kind.receipt" },
  { value: "その他", labelKey: "subsidies.attachments.kind.other" },
];

/** The server's allow-list, by extension (browsers often leave a CSV's or docx's type empty or wrong). */
const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv",
  txt: "text/plain",
};
const ACCEPT = Object.keys(MIME_BY_EXTENSION)
  .map((e) => `.${e}`)
  .join(",");
/** Same as the server's limit (10 MB once decoded). */
const MAX_BYTES = 10 * 1024 * 1024;
/** Documents can be removed only while the application is 申請受付 or 差戻し (as the server decides). */
const DELETABLE = new Set(["received", "returned"]);

const mimeOf = (file: File) => MIME_BY_EXTENSION[file.name.split(".").pop()?.toLowerCase() ?? ""] ?? null;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 添付書類 of an application: the list for every reader, upload and (before 形式審査) delete for the 担当課. */
export function AttachmentsCard({
  application: a,
  departmentId,
  user,
}: {
  application: Pick<SubsidyApplication, "id" | "status">;
  /** The program's 担当課; undefined while the program is loading (nothing is offered then). */
  departmentId: string | undefined;
  user: SessionUser | undefined;
}) {
  const { t, locale } = useI18n();
  const attachments = useAttachments(a.id);
  const add = useAddAttachment(a.id);
  const remove = useDeleteAttachment(a.id);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<string>(KINDS[0]?.value ?? "その他");
  const [localError, setLocalError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SubsidyAttachment | null>(null);
  const mayWrite = departmentId !== undefined && canRecordSubsidy(user, departmentId);
  const mayDelete = mayWrite && DELETABLE.has(a.status);
  const kindLabel = (value: string) => {
    const known = KINDS.find((k) => k.value === value);
    return known ? t(known.labelKey) : value;
  };

  const choose = (f: File | null) => {
    setFile(f);
    add.reset();
    setLocalError(null);
    if (!f) return;
    if (!mimeOf(f)) setLocalError(t("subsidies.attachments.badType"));
    else if (f.size > MAX_BYTES) setLocalError(t("subsidies.attachments.tooLarge", { size: formatSize(f.size) }));
  };

  const submit = async () => {
    if (!file) return;
    const mime = mimeOf(file);
    if (!mime || file.size > MAX_BYTES) return;
    const contentBase64 = await readAsBase64(file);
    add.mutate(
      { name: file.name, kind, mime, contentBase64 },
      {
        onSuccess: (created) => {
          notifications.show({ color: "green", message: t("subsidies.attachments.added", { name: created.name }) });
          setFile(null);
        },
      },
    );
  };

  const closeDelete = () => {
    remove.reset();
    setDeleting(null);
  };

  const items = attachments.data ?? [];
  return (
    <Card withBorder padding="md" data-testid="attachments-card">
      <Title order={2} size="h5" mb="sm">
        {t("subsidies.attachments.title")}
      </Title>
      <Stack gap="sm">
        <QueryState isPending={attachments.isPending} error={attachments.error}>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="attachments-empty">
              {t("subsidies.attachments.empty")}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table verticalSpacing={6} striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("subsidies.attachments.name")}</Table.Th>
                    <Table.Th>{t("subsidies.attachments.kind")}</Table.Th>
                    <Table.Th ta="right">{t("subsidies.attachments.size")}</Table.Th>
                    <Table.Th>{t("subsidies.attachments.uploadedBy")}</Table.Th>
                    <Table.Th>{t("subsidies.attachments.uploadedAt")}</Table.Th>
                    {mayDelete && <Table.Th />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((x) => (
                    <Table.Tr key={x.id} data-testid="attachment-row" data-sha256={x.sha256}>
                      <Table.Td>
                        <Anchor
                          href={attachmentUrl(a.id, x.id)}
                          download
                          size="sm"
                          display="inline-flex"
                          style={{ gap: 4, alignItems: "center" }}
                          title={t("subsidies.attachments.download")}
                          data-testid="attachment-download"
                        >
                          <IconDownload size={14} /> {x.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{kindLabel(x.kind)}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}>
                        {formatSize(x.sizeBytes)}
                      </Table.Td>
                      <Table.Td>{x.uploadedBy}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(x.createdAt, locale)}</Table.Td>
                      {mayDelete && (
                        <Table.Td ta="right">
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            leftSection={<IconTrash size={14} />}
                            onClick={() => setDeleting(x)}
                            data-testid="attachment-delete"
                          >
                            {t("subsidies.attachments.delete")}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
        {mayWrite && !mayDelete && items.length > 0 && (
          <Text size="xs" c="dimmed">
            {t("subsidies.attachments.locked")}
          </Text>
        )}
        {mayWrite && (
          <>
            <Group align="flex-end" wrap="wrap">
              <FileInput
                label={t("subsidies.attachments.file")}
                placeholder={t("subsidies.attachments.filePlaceholder")}
                accept={ACCEPT}
                value={file}
                onChange={choose}
                leftSection={<IconFileUpload size={16} />}
                clearable
                w={440}
                error={localError ?? fieldError(add.error, "contentBase64") ?? fieldError(add.error, "mime")}
                data-testid="attachment-upload"
              />
              <Select
                label={t("subsidies.attachments.kind")}
                data={KINDS.map((k) => ({ value: k.value, label: t(k.labelKey) }))}
                value={kind}
                onChange={(v) => setKind(v ?? kind)}
                allowDeselect={false}
                w={180}
                data-testid="attachment-kind"
              />
              <Button
                onClick={() => void submit()}
                disabled={!file || localError !== null}
                loading={add.isPending}
                data-testid="attachment-submit"
              >
                {t("subsidies.attachments.submit")}
              </Button>
            </Group>
            <FormError error={add.error} fields={["contentBase64", "mime"]} testId="attachment-error" />
          </>
        )}
      </Stack>
      {deleting && (
        <ConfirmDialog
          opened
          title={t("subsidies.attachments.deleteTitle")}
          message={t("subsidies.attachments.deleteConfirm", { name: deleting.name })}
          confirmLabel={t("subsidies.attachments.delete")}
          danger
          loading={remove.isPending}
          error={remove.error}
          onClose={closeDelete}
          onConfirm={() =>
            remove.mutate(deleting.id, {
              onSuccess: () => {
                notifications.show({
                  color: "green",
                  message: t("subsidies.attachments.deleted", { name: deleting.name }),
                });
                closeDelete();
              },
            })
          }
        />
      )}
    </Card>
  );
}
