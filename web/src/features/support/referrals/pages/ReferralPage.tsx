import { Anchor, Badge, Button, Card, Group, Stack, Table, Text } from "@mantine/core";
import type { Referral, ReferralAction, SessionUser } from "@shien/contracts";
import { IconArrowLeft } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { PageHeader } from "../../../../components/PageHeader";
import { QueryState } from "../../../../components/QueryState";
import { formatDateTime } from "../../../../lib/datetime";
import { useI18n } from "../../../../lib/i18n";
import { useMe } from "../../../auth/queries";
import { canWriteFor } from "../../access";
import { referralStatusColor, referralStatusLabelKey } from "../../labels";
import { ReferralActionModal } from "../components/ReferralActionModal";
import { referralTarget } from "../components/ReferralsTable";
import { useReferral } from "../queries";

/**
 * Who answers: the receiving department; for an outside agency (which has no account here) the
 * sending department records the agency's answer. Mirrors the server, which still decides.
 */
function mayAnswer(user: SessionUser | undefined, r: Referral): boolean {
  return canWriteFor(user, [r.toDepartment?.id ?? r.fromDepartment.id]);
}

/** The moves the state machine allows from the current status (contract: REFERRAL_TRANSITIONS). */
function actionsFor(r: Referral): ReferralAction[] {
  if (r.status === "sent") return ["accept", "decline"];
  if (r.status === "accepted") return ["complete"];
  return [];
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={180}>{label}</Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/** One referral: where it came from and went, its answer, and 受入・辞退・完了 for the side that answers. */
export function ReferralPage() {
  const { t, locale, displayDate } = useI18n();
  const { referralId = "" } = useParams();
  const user = useMe().data?.user;
  const referral = useReferral(referralId);
  const [action, setAction] = useState<ReferralAction | null>(null);
  const r = referral.data;

  return (
    <>
      <Anchor component={Link} to="/support/referrals" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> {t("referrals.back")}
      </Anchor>
      <QueryState isPending={referral.isPending} error={referral.error}>
        {r && (
          <>
            <PageHeader
              title={t("referrals.detailTitle", {
                subject: r.companyName ?? r.personName ?? "",
                to: referralTarget(r),
              })}
              actions={
                mayAnswer(user, r) &&
                actionsFor(r).map((a) => (
                  <Button
                    key={a}
                    color={a === "decline" ? "red" : undefined}
                    variant={a === "decline" ? "light" : "filled"}
                    onClick={() => setAction(a)}
                    data-testid={`referral-${a}`}
                  >
                    {t(`referrals.action.${a}`)}
                  </Button>
                ))
              }
            />
            <Card withBorder padding="md" maw={900}>
              <Stack>
                <Group gap="xs">
                  <Badge color={referralStatusColor[r.status]} size="lg" variant="light" data-testid="referral-status">
                    {t(referralStatusLabelKey[r.status])}
                  </Badge>
                  {r.confidential && (
                    <Badge color="red" variant="light">
                      {t("support.confidential")}
                    </Badge>
                  )}
                </Group>
                <Table variant="vertical" withTableBorder data-testid="referral-detail">
                  <Table.Tbody>
                    <Row label={t("consultations.subject")}>
                      {r.companyId ? (
                        <Anchor component={Link} to={`/companies/${r.companyId}`}>
                          {r.companyName}
                        </Anchor>
                      ) : (
                        r.personName
                      )}
                    </Row>
                    <Row label={t("referrals.program")}>
                      {r.program.code} {r.program.name}
                    </Row>
                    <Row label={t("referrals.fromDepartment")}>{r.fromDepartment.name}</Row>
                    <Row label={t("referrals.target")}>
                      {referralTarget(r)}{" "}
                      <Text span size="xs" c="dimmed">
                        {r.agency ? t("referrals.targetAgency") : t("referrals.targetDepartment")}
                      </Text>
                    </Row>
                    <Row label={t("referrals.reason")}>
                      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                        {r.reason}
                      </Text>
                    </Row>
                    <Row label={t("referrals.sentOn")}>
                      {displayDate(r.sentOn)}（{r.sentBy}）
                    </Row>
                    {r.respondedOn && <Row label={t("referrals.respondedOn")}>{displayDate(r.respondedOn)}</Row>}
                    {r.declineReason && (
                      <Row label={t("referrals.declineReason")}>
                        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                          {r.declineReason}
                        </Text>
                      </Row>
                    )}
                    {r.completedOn && <Row label={t("referrals.completedOn")}>{displayDate(r.completedOn)}</Row>}
                    {r.outcome && (
                      <Row label={t("referrals.outcome")}>
                        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                          {r.outcome}
                        </Text>
                      </Row>
                    )}
                    {r.consultationId && (
                      <Row label={t("referrals.consultation")}>
                        <Anchor component={Link} to={`/support/consultations/${r.consultationId}`}>
                          {t("support.open")}
                        </Anchor>
                      </Row>
                    )}
                    <Row label={t("referrals.createdAt")}>{formatDateTime(r.createdAt, locale)}</Row>
                  </Table.Tbody>
                </Table>
              </Stack>
            </Card>
            {action && <ReferralActionModal referral={r} action={action} onClose={() => setAction(null)} />}
          </>
        )}
      </QueryState>
    </>
  );
}
