/**
 * An error as the server log may keep it. A failed query's parameters are what people typed (and,
 * for sessions and users, token and password hashes), and PostgreSQL's `detail` repeats key values:
 * the log keeps the SQL, the database's reason and code, and the stack without them.
 */
export function loggableError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const e = err as Error & { params?: unknown; query?: unknown };
  const cause = e.cause instanceof Error ? (loggableError(e.cause) as object) : undefined;
  const withoutParams = (text: string | undefined) => text?.replace(/\nparams: .*$/m, "\nparams: [redacted]");
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    message: withoutParams(err.message),
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof e.query === "string" ? { query: e.query } : {}),
    ...(cause ? { cause } : {}),
    stack: withoutParams(err.stack),
  };
}
