import type { ErrorCode, FieldError } from "@shien/contracts";

/** Bilingual text: Japanese is the default, English is served to `Accept-Language: en`. */
export interface Text {
  ja: string;
  en: string;
}

export interface LocalizedFieldError {
  field: string;
  message: Text;
}

/** The one error type of the application. `code` is closed; the HTTP status follows from it. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Text,
    readonly details: LocalizedFieldError[] = [],
  ) {
    super(text.en);
    this.name = "AppError";
  }
}

export const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  PASSWORD_POLICY: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ACCOUNT_LOCKED: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export const notFound = (what: Text = { ja: "対象", en: "The record" }) =>
  new AppError("NOT_FOUND", {
    ja: `${what.ja}が見つかりません。URLを確認するか、一覧から選び直してください。`,
    en: `${what.en} was not found. Check the URL or pick it again from the list.`,
  });

export const conflict = (field: string, text: Text) => new AppError("CONFLICT", text, [{ field, message: text }]);

export const invalidField = (field: string, text: Text) =>
  new AppError("VALIDATION_FAILED", { ja: "入力内容に誤りがあります。", en: "Some fields are invalid." }, [
    { field, message: text },
  ]);

export function localize(text: Text, lang: "ja" | "en"): string {
  return text[lang];
}

export type { FieldError };
