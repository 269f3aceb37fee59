// A full disk or database answers 507 in the API's error shape, with a message an operator can act
// on, and its cause in the log; not a generic 500. The failures are real ones, injected: the
// database refuses to grow (SQLite: max_page_count at its current size; PostgreSQL: a trigger
// raising disk_full, SQLSTATE 53100), and a write to /dev/full fails with ENOSPC.
import fs from "node:fs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as createCaseRoute } from "@/app/api/v1/cases/route";
import { apiRoute } from "@/lib/api/api-handler";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db, dbProvider } from "@/lib/db/client";
import { createUser } from "@/test/factories";

let token: string;
beforeAll(async () => {
  const user = await createUser({ role: "INVESTIGATOR" });
  token = (await createApiToken(user.id, SYSTEM_CONTEXT, { name: "full disk" })).token;
});

afterEach(() => {
  vi.restoreAllMocks();
});

const noParams = { params: Promise.resolve({}) };

function postCase(): Promise<Response> {
  const req = new Request("http://localhost/api/v1/cases", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ title: "Written to a full database", summary: "x".repeat(9_000) }),
  });
  return createCaseRoute(req, noParams);
}

/** Makes the database refuse to grow, runs fn, then lets it grow again. */
async function withFullDatabase<T>(fn: () => Promise<T>): Promise<T> {
  if (dbProvider() === "postgresql") {
    await db().$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION lantern_test_disk_full() RETURNS trigger AS $$ BEGIN
         RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$ LANGUAGE plpgsql`,
    );
    await db().$executeRawUnsafe(`CREATE TRIGGER lantern_test_disk_full BEFORE INSERT ON "Case" FOR EACH ROW EXECUTE FUNCTION lantern_test_disk_full()`);
    try {
      return await fn();
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER lantern_test_disk_full ON "Case"`);
    }
  }
  // max_page_count is a setting of each connection: the client has one for transactions and one
  // for statements outside them (lib/db/sqlite-adapter.ts), so set it on both.
  const setMaxPages = async (pages: number) => {
    await db().$queryRawUnsafe(`PRAGMA max_page_count = ${pages}`);
    await db().$transaction((tx) => tx.$queryRawUnsafe(`PRAGMA max_page_count = ${pages}`));
  };
  const [{ page_count }] = await db().$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count");
  await setMaxPages(Number(page_count));
  try {
    return await fn();
  } finally {
    await setMaxPages(1073741823);
  }
}

async function expectInsufficientStorage(res: Response, cause: string) {
  expect(res.status).toBe(507);
  const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
  expect(body.error).toEqual({ code: "INSUFFICIENT_STORAGE", message: expect.stringMatching(/out of storage space.*free space/), details: { cause } });
  expect(res.headers.get("x-request-id")).toBeTruthy();
}

describe("a full disk or database", () => {
  it("answers 507 when the database cannot grow, and logs the cause", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await withFullDatabase(postCase);
    await expectInsufficientStorage(res, dbProvider() === "postgresql" ? "53100" : "SQLITE_FULL");
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/storage full \((SQLITE_FULL|53100)\)/), expect.anything());
    // Nothing was written, and once space is back the same request succeeds.
    expect((await postCase()).status).toBe(201);
  });

  it("answers 507 when a file write finds no space left on the device (ENOSPC)", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const writeToFullDisk = apiRoute(async () => {
      const fd = fs.openSync("/dev/full", "w"); // every write fails with ENOSPC
      try {
        fs.writeSync(fd, Buffer.alloc(4096));
      } finally {
        fs.closeSync(fd);
      }
      return new Response(null, { status: 204 });
    });
    const res = await writeToFullDisk(new Request("http://localhost/api/v1/x", { method: "POST", headers: { authorization: `Bearer ${token}` } }), noParams);
    await expectInsufficientStorage(res, "ENOSPC");
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/storage full \(ENOSPC\)/), expect.objectContaining({ code: "ENOSPC" }));
  });

  it("still answers anything else as a generic 500", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = apiRoute(async () => {
      throw Object.assign(new Error("connection reset"), { code: "ECONNRESET" });
    });
    const res = await broken(new Request("http://localhost/api/v1/x", { headers: { authorization: `Bearer ${token}` } }), noParams);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("INTERNAL");
  });
});
