import { SegmentedControl } from "@mantine/core";
import { useI18n } from "../lib/i18n";

/** 日本語 / English; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      value={locale}
      onChange={(value) => setLocale(value === "en" ? "en" : "ja")}
      aria-label={t("common.language")}
      data-testid="language-switch"
      data={[
        { value: "ja", label: "日本語" },
        { value: "en", label: "English" },
      ]}
    />
  );
}
