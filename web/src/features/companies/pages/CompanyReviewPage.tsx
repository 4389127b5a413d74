import { Anchor, Stack, Text } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { useMe } from "../../auth/queries";
import { canWriteCompanies } from "../access";
import { ReviewPairCard } from "../components/ReviewPairCard";
import { useReviewQueue } from "../queries";

/** 確認待ち: pairs the 名寄せ engine left to a person. */
export function CompanyReviewPage() {
  const { t } = useI18n();
  const queue = useReviewQueue();
  const mayWrite = canWriteCompanies(useMe().data?.user);
  const pairs = queue.data ?? [];
  return (
    <>
      <Anchor component={Link} to="/companies" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> {t("company.back")}
      </Anchor>
      <PageHeader title={t("meiyose.reviewTitle")} description={t("meiyose.reviewDescription")} />
      <QueryState isPending={queue.isPending} error={queue.error}>
        {pairs.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg" data-testid="review-empty">
            {t("meiyose.reviewEmpty")}
          </Text>
        ) : (
          <Stack>
            {pairs.map((pair) => (
              <ReviewPairCard key={`${pair.a.id}/${pair.b.id}`} pair={pair} mayWrite={mayWrite} />
            ))}
          </Stack>
        )}
      </QueryState>
    </>
  );
}
