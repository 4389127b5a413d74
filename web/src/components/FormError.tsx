import { Alert } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { ApiError } from "../lib/api";
import { useI18n } from "../lib/i18n";

interface FormErrorProps {
  error: unknown;
  /** Fields the form shows server details beside; when every detail is one of them, the summary stays short. */
  fields?: readonly string[];
  testId?: string;
}

/**
 * The server's message for a failed request (silent when there is none). The server's summary
 * repeats each field's message; when all of them already stand beside their fields, a short
 * pointer to those fields is shown instead.
 */
export function FormError({ error, fields = [], testId = "form-error" }: FormErrorProps) {
  const { t } = useI18n();
  if (!error) return null;
  let message = t("common.unexpectedError");
  if (error instanceof ApiError) {
    const allShown = error.details.length > 0 && error.details.every((d) => fields.includes(d.field));
    message = allShown ? t("common.checkFields") : error.message;
  }
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} data-testid={testId} role="alert">
      {message}
    </Alert>
  );
}

/** The server's message for one field, for a Mantine input's `error` prop. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}
