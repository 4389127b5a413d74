import { type FormEvent, useEffect, useRef, useState } from "react";
import { useI18n } from "../lib/i18n";
import { focusFirstError } from "./FormError";

export interface RequiredField {
  /** The label the form shows, so the message names the field. */
  label: string;
  value: unknown;
  /** A select or picker: the message says 選択, not 入力. */
  choose?: boolean;
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);

/**
 * The forms set `noValidate`: the browser's bubbles speak the browser's language and name no
 * field. This check stands in for them: on submit, a required field left empty gets its message
 * beside it (「氏名を入力してください。」), nothing is sent, and the first such field takes the focus.
 * Once tried, the messages follow the typing (they go as the fields are filled).
 */
export function useRequiredFields(fields: Record<string, RequiredField>) {
  const { t } = useI18n();
  const [tried, setTried] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement | null>(null);
  const errors: Record<string, string | undefined> = {};
  if (tried) {
    for (const [name, f] of Object.entries(fields)) {
      if (isEmpty(f.value))
        errors[name] = t(f.choose ? "common.requiredChoose" : "common.requiredEnter", { label: f.label });
    }
  }
  useEffect(() => {
    if (attempt > 0 && form.current) focusFirstError(form.current);
  }, [attempt]);

  /** Call first in onSubmit: false (and the messages shown) when a required field is empty. */
  const check = (event?: FormEvent<HTMLFormElement>): boolean => {
    if (event) form.current = event.currentTarget;
    setTried(true);
    const ok = Object.values(fields).every((f) => !isEmpty(f.value));
    if (!ok) setAttempt((n) => n + 1);
    return ok;
  };
  return { errors, check };
}
