import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("the first admin's password from the environment", () => {
  it("when SHIEN_ADMIN_PASSWORD is longer than sign-in accepts (128), then start-up refuses it naming the variable", () => {
    expect(() => loadConfig({ SHIEN_ADMIN_PASSWORD: "a".repeat(129) })).toThrow(/SHIEN_ADMIN_PASSWORD/);
    expect(loadConfig({ SHIEN_ADMIN_PASSWORD: "a".repeat(128) }).adminPassword).toHaveLength(128);
  });
});
