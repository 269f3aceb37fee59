import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("configuration", () => {
  it("defaults to SQLite under ./data and port 3000", () => {
    const e = parseEnv({});
    expect(e.dataDir).toBe(path.resolve("data"));
    expect(e.databaseUrl).toBe(`file:${path.resolve("data", "lantern.db")}`);
    expect(e.databaseProvider).toBe("sqlite");
    expect(e.PORT).toBe(3000);
    expect(e.LANTERN_ADMIN_EMAIL).toBe("admin@lantern.local");
  });

  it("follows LANTERN_DATA_DIR and a PostgreSQL DATABASE_URL", () => {
    expect(parseEnv({ LANTERN_DATA_DIR: "/srv/lantern" }).databaseUrl).toBe("file:/srv/lantern/lantern.db");
    expect(parseEnv({ DATABASE_URL: "postgresql://u@h/db" }).databaseProvider).toBe("postgresql");
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://x"],
    ["LANTERN_ADMIN_EMAIL", "not-an-email"],
    ["LANTERN_ADMIN_PASSWORD", "short"],
    ["AUTH_SECRET", "too-short"],
    ["LANTERN_SESSION_IDLE_MINUTES", "0"],
    ["LANTERN_ZERO_COPY", "no"],
  ])("a bad %s stops start-up with a message naming it", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(name));
  });
});
