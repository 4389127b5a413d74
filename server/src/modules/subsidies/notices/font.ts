import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * The Japanese font of the notices: Noto Sans JP as TTF files from the npm package
 * `@expo-google-fonts/noto-sans-jp` (a dependency of the server, so a fresh clone finds it after
 * `npm ci`; nothing is fetched at run time). Only the two weights the notices use are read, once
 * per process; pdfkit embeds a subset of the glyphs each document prints.
 */
const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf",
} as const;

export type FontWeight = keyof typeof FONT_FILES;

const cache = new Map<FontWeight, Buffer>();

/** Where the package put a weight's TTF (node_modules may be hoisted to the workspace root). */
export function fontPath(weight: FontWeight): string {
  return require.resolve(FONT_FILES[weight]);
}

export function noticeFont(weight: FontWeight): Buffer {
  let font = cache.get(weight);
  if (!font) {
    font = readFileSync(fontPath(weight));
    cache.set(weight, font);
  }
  return font;
}
