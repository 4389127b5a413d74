import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { loggableError } from "./loggable-error.js";

describe("what the server log keeps of an error", () => {
  it("when a query fails, then the log has its SQL and the database's reason but not the values typed", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "sessions_pkey"'), {
      code: "23505",
      detail: "Key (token_hash)=(c2VjcmV0LWhhc2g) already exists.",
    });
    const err = new DrizzleQueryError(
      "insert into sessions (token_hash, csrf) values ($1, $2)",
      ["c2VjcmV0LWhhc2g", "csrf-token-value"],
      cause,
    );
    const logged = loggableError(err);
    const text = JSON.stringify(logged);
    expect(text).not.toContain("c2VjcmV0LWhhc2g");
    expect(text).not.toContain("csrf-token-value");
    expect(logged).toMatchObject({
      query: "insert into sessions (token_hash, csrf) values ($1, $2)",
      cause: { code: "23505", message: expect.stringContaining("sessions_pkey") },
    });
    expect((logged as { message: string }).message).toContain("params: [redacted]");
  });

  it("when an error carries no query, then its message and stack stay as they are", () => {
    const err = new TypeError("cannot read x of undefined");
    expect(loggableError(err)).toMatchObject({ type: "TypeError", message: err.message, stack: err.stack });
    expect(loggableError("plain")).toBe("plain");
  });
});
