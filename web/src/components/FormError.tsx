import { Alert } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import { ApiError } from "../lib/api";
import { useI18n } from "../lib/i18n";

interface FormErrorProps {
  error: unknown;
  /** Fields the form shows server details beside; when every detail is one of them, the summary stays short. */
  fields?: readonly string[];
  testId?: string;
}

/**
 * The server prefixes a schema's own message with the field's label ("法人番号: 法人番号のチェック
 * デジット…"); beside the field, or when the message already names it, the label is said twice.
 * The label is dropped when the rest of the message starts with it.
 */
export function withoutRepeatedLabel(message: string): string {
  const match = /^([^:：]{1,40})[:：]\s*(.+)$/s.exec(message);
  if (!match) return message;
  const [, label = "", rest = ""] = match;
  return rest.toLowerCase().startsWith(label.trim().toLowerCase()) ? rest : message;
}

/**
 * After a failed submit: the first field marked invalid (Mantine sets aria-invalid) takes the focus
 * and is scrolled to the middle of its scroller; with none, the form's error summary does.
 */
export function focusFirstError(form: HTMLElement): void {
  const target =
    form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.querySelector<HTMLElement>('[role="alert"]');
  if (!target) return;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "center", behavior: "smooth" });
}

/**
 * The server's message for a failed request (silent when there is none). The server's summary
 * repeats each field's message; when all of them already stand beside their fields, a short
 * pointer to those fields is shown instead.
 */
export function FormError({ error, fields = [], testId = "form-error" }: FormErrorProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);

  // A new failure inside a form brings the person to what needs correcting (a long form may have
  // scrolled it out of sight). Load errors outside a form are left where they are.
  useEffect(() => {
    const form = error ? ref.current?.closest("form") : null;
    if (form) focusFirstError(form);
  }, [error]);

  if (!error) return null;
  let message = t("common.unexpectedError");
  if (error instanceof ApiError) {
    const allShown = error.details.length > 0 && error.details.every((d) => fields.includes(d.field));
    message = allShown
      ? t("common.checkFields")
      : error.details.reduce((text, d) => text.replace(d.message, withoutRepeatedLabel(d.message)), error.message);
  }
  return (
    <Alert ref={ref} color="red" icon={<IconAlertCircle size={18} />} data-testid={testId} role="alert" tabIndex={-1}>
      {message}
    </Alert>
  );
}

/** The server's message for one field, for a Mantine input's `error` prop. */
export function fieldError(error: unknown, field: string): string | undefined {
  const message = error instanceof ApiError ? error.fieldError(field) : undefined;
  return message === undefined ? undefined : withoutRepeatedLabel(message);
}
