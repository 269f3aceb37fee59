// Big cases: a case with hundreds of accounts (queries are sliced under Prisma's 999-parameter
// limit on SQLite), and a scoped recompute of suggestions over hundreds of accounts.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { listCaseAccounts } from "@/lib/accounts/case-accounts";
import { getCaseSightings } from "@/lib/accounts/sightings";
import { insertRows, newId } from "@/lib/db/bulk-insert";
import { db } from "@/lib/db/client";
import { getCaseGraph } from "@/lib/links/link-graph";
import { listLinks } from "@/lib/links/list-links";
import { recomputeSuggestedLinks } from "@/lib/link-suggestions/suggest-links";
import { createCase, createUser } from "@/test/factories";

const N = 600;
let lead: Actor;
let caseId: string;
const ids = Array.from({ length: N }, () => newId());

beforeAll(async () => {
  lead = await createUser({ role: "INVESTIGATOR" });
  caseId = (await createCase(lead)).id;
  const now = new Date();
  await db().$transaction(async (tx) => {
    await insertRows(
      tx,
      "Account",
      [{ name: "id" }, { name: "externalId" }, { name: "status", type: { enum: "AccountStatus" } }, { name: "riskScore", type: "int" }, { name: "createdAt", type: "timestamp" }, { name: "updatedAt", type: "timestamp" }],
      ids.map((id, i) => [id, `big-${i}`, "ACTIVE", i % 100, now, now]),
    );
    await insertRows(
      tx,
      "CaseAccount",
      [{ name: "caseId" }, { name: "accountId" }, { name: "role", type: { enum: "CaseAccountRole" } }, { name: "addedAt", type: "timestamp" }],
      ids.map((id) => [caseId, id, "SUBJECT", now]),
    );
    // Pairs of accounts share an IP address.
    await insertRows(tx, "AccountAttribute", [{ name: "accountId" }, { name: "type", type: { enum: "AttributeType" } }, { name: "value" }], ids.map((id, i) => [id, "IP", `10.77.${i >> 9}.${(i >> 1) & 255}`]));
  });
});

describe("a case with 600 accounts", () => {
  it("recomputes suggestions for all of them in scope, lists them, and draws the case graph", async () => {
    const result = await recomputeSuggestedLinks({ accountIds: ids });
    expect(result).toMatchObject({ created: N / 2, pairs: N / 2 });
    expect((await listLinks(lead, { caseId, status: "SUGGESTED", pageSize: 1 })).total).toBe(N / 2);
    expect(await listCaseAccounts(lead, caseId)).toHaveLength(N);
    expect((await getCaseSightings(lead, caseId)).accounts).toEqual([]);
    const graph = await getCaseGraph(lead, caseId);
    expect(graph.nodes).toHaveLength(N);
    expect(graph.edges).toHaveLength(N / 2);
    expect(graph.edges.every((e) => e.state === "SUGGESTED" && e.reason === "shared IP address")).toBe(true);
    expect(graph.truncated).toBe(false);
  });
});
