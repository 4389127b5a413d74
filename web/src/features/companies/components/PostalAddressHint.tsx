import { Button, Group, Stack, Text } from "@mantine/core";
import type { PostalLookup } from "@shien/contracts";
import { useEffect, useRef } from "react";
import { useI18n } from "../../../lib/i18n";
import { usePostalLookup } from "../queries";

type Town = PostalLookup["towns"][number];

/** As much of an address as the code settles: prefecture and city, and the town when there is one only. */
export function addressOf(found: PostalLookup, town?: Town): string {
  const one = town ?? (found.towns.length === 1 ? found.towns[0] : undefined);
  return one ? `${one.prefecture}${one.city}${one.town}` : `${found.prefecture ?? ""}${found.city ?? ""}`;
}

/**
 * Under 郵便番号: fills an empty 所在地 from the code (Japan Post's data, on the server) and, when the
 * code covers several towns, offers them. What the user typed in 所在地 is never replaced; only what
 * this hint put there is.
 */
export function PostalAddressHint({
  postalCode,
  address,
  onFill,
}: {
  postalCode: string;
  address: string;
  onFill: (address: string) => void;
}) {
  const { t } = useI18n();
  const lookup = usePostalLookup(postalCode);
  const filled = useRef<string | null>(null);
  const applied = useRef<string | null>(null);
  const found = lookup.data;
  const ours = address.trim() === "" || address === filled.current;

  useEffect(() => {
    // once per code: clearing the address afterwards does not bring the text back
    if (!found || applied.current === found.postalCode) return;
    applied.current = found.postalCode;
    const next = addressOf(found);
    if (!ours || next === "" || next === address) return;
    filled.current = next;
    onFill(next);
  }, [found, ours, address, onFill]);

  if (lookup.isError) {
    return (
      <Text size="xs" c="orange" data-testid="company-form-postal-hint">
        {t("company.postalUnknown")}
      </Text>
    );
  }
  if (!found) return null;
  const pick = (town: Town) => {
    const next = addressOf(found, town);
    filled.current = next;
    onFill(next);
  };
  return (
    <Stack gap={4} data-testid="company-form-postal-hint">
      <Text size="xs" c="dimmed">
        {address !== "" && address === filled.current
          ? t("company.postalFilled")
          : t("company.postalPlace", { place: addressOf(found) })}
      </Text>
      {found.towns.length > 1 && ours && (
        <>
          <Text size="xs" c="dimmed">
            {t("company.postalTowns")}
          </Text>
          <Group gap={4}>
            {found.towns.slice(0, 30).map((town) => (
              <Button
                key={`${town.cityCode}-${town.town}`}
                size="compact-xs"
                variant="light"
                onClick={() => pick(town)}
                data-testid="company-form-postal-town"
              >
                {found.city ? town.town || town.city : `${town.city}${town.town}`}
              </Button>
            ))}
          </Group>
        </>
      )}
    </Stack>
  );
}
