// POST /api/v1/accounts/import through its route handler: the multipart field `file`, ?dryRun=true,
// the progress stream (Accept: application/x-ndjson) the import page reads, and the refusals.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/accounts/import/route";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { createUser } from "@/test/factories";

let token: string;
beforeAll(async () => {
  const user = await createUser({ role: "INVESTIGATOR" });
  token = (await createApiToken(user.id, SYSTEM_CONTEXT, { name: "import route" })).token;
});

const noParams = { params: Promise.resolve({}) };

function post(csv: string, opts: { query?: string; accept?: string; field?: string } = {}): Promise<Response> {
  const form = new FormData();
  form.append(opts.field ?? "file", new File([csv], "accounts.csv", { type: "text/csv" }));
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (opts.accept) headers.accept = opts.accept;
  return importRoute(new Request(`http://localhost/api/v1/accounts/import${opts.query ?? ""}`, { method: "POST", headers, body: form }), noParams);
}

const rows = (n: number, prefix: string) => ["externalId,IP", ...Array.from({ length: n }, (_, i) => `${prefix}-${i},10.9.${i >> 8}.${i & 255}`)].join("\n");

describe("POST /api/v1/accounts/import", () => {
  it("answers the counts as JSON; a dry run writes nothing", async () => {
    const dry = await post(rows(3, "route-dry"), { query: "?dryRun=true" });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, created: 3, refused: 0, errors: [] });
    expect(await db().account.count({ where: { externalId: { startsWith: "route-dry-" } } })).toBe(0);
  });

  it("streams progress lines and then the result when asked for NDJSON", async () => {
    const res = await post(rows(4_500, "route-ndjson"), { accept: "application/x-ndjson" });
    expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as { type: string; done?: number; total?: number; created?: number });
    expect(lines.filter((l) => l.type === "progress").map((l) => [l.done, l.total])).toEqual([[2_000, 4_500], [4_000, 4_500], [4_500, 4_500]]);
    expect(lines.at(-1)).toMatchObject({ type: "result", created: 4_500 });
  });

  it("refuses a body that is not multipart (415), a missing file (400) and a bad dryRun (400)", async () => {
    const json = await importRoute(
      new Request("http://localhost/api/v1/accounts/import", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: "{}" }),
      noParams,
    );
    expect(json.status).toBe(415);
    expect((await post(rows(1, "route-x"), { field: "upload" })).status).toBe(400);
    expect((await post(rows(1, "route-y"), { query: "?dryRun=perhaps" })).status).toBe(400);
  });
});
