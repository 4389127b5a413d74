import type { Locale } from "@shien/contracts";

/**
 * Each feature owns its strings, Japanese and English side by side so neither can be forgotten.
 * Keys are prefixed with the feature ("users.title") and merged in ./messages.ts.
 */
export type MessageTable = Record<string, Record<Locale, string>>;
