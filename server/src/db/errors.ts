/** True when a statement failed on a unique constraint (SQLSTATE 23505), optionally a named one. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = (err as { cause?: unknown }).cause ?? err;
  const pgErr = e as { code?: string; constraint?: string };
  return pgErr.code === "23505" && (constraint === undefined || pgErr.constraint === constraint);
}

/** True when a statement failed on a foreign key (SQLSTATE 23503): something still points at the row. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = (err as { cause?: unknown }).cause ?? err;
  return (e as { code?: string }).code === "23503";
}
