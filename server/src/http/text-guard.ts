import { AppError } from "./app-error.js";
import { fieldLabel } from "./field-labels.js";
import type { ZodApp } from "./types.js";

/**
 * PostgreSQL text cannot hold U+0000. Rather than let such a value fail deep in a query as a 500,
 * every JSON body is checked once before validation, and the field is named.
 */
export function registerTextGuard(app: ZodApp): void {
  app.addHook("preValidation", async (req) => {
    const path = findNul(req.body, []);
    if (path === undefined) return;
    const field = path.join(".");
    const label = fieldLabel(field);
    const text = {
      ja: `${label.ja}に使用できない制御文字（NUL）が含まれています。削除して入力し直してください。`,
      en: `${label.en} contains a NUL control character; remove it.`,
    };
    throw new AppError("VALIDATION_FAILED", text, [{ field, message: text }]);
  });
}

function findNul(value: unknown, path: (string | number)[]): (string | number)[] | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findNul(v, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = k.includes("\u0000") ? [...path, k] : findNul(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}
