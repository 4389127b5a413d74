import { Badge, createTheme } from "@mantine/core";

/** Japanese glyphs first from fonts staff already have (Windows: Meiryo / Yu Gothic; macOS: Hiragino). */
export const theme = createTheme({
  primaryColor: "blue",
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic UI", Meiryo, sans-serif',
  headings: { fontWeight: "700" },
  defaultRadius: "sm",
  components: {
    // Badges carry names and codes (e.g. department "keiei-shien"): never change their case.
    Badge: Badge.extend({ styles: { root: { textTransform: "none" } } }),
  },
});
