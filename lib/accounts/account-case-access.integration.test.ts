// The authorization table for accounts on cases, through the real lib/ functions: every role ×
// member/non-member × restricted/open case × operation, and every LIST of the account side
// (account list by case, account detail and case counts, sightings, links citing the case's
// evidence, clusters, account history) either shows the case or shows no trace of it.
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Actor, type Role } from "@/lib/access/actor";
import { attachAccounts, detachAccount, listCaseAccounts } from "@/lib/accounts/case-accounts";
import { getAccount, listAccountHistory } from "@/lib/accounts/get-account";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { getAccountSightings, getCaseSightings } from "@/lib/accounts/sightings";
import { addMembers } from "@/lib/cases/case-members";
import type { Decision } from "@/lib/access/case-policy";
import { db } from "@/lib/db/client";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { getCluster, listClusters } from "@/lib/links/clusters";
import { createLink } from "@/lib/links/create-link";
import { getCaseGraph } from "@/lib/links/link-graph";
import { getLink, listLinks } from "@/lib/links/list-links";
import { attachAccount, createAccount, createCase, createUser, ctxFor } from "@/test/factories";
import {
  ACCOUNT_CASE_OPERATIONS,
  expectedAccountCaseAccess,
  type AccountCaseOperation,
  type CaseKind,
  type Membership,
} from "@/test/support/case-access-table";
import { stageBytes } from "@/test/support/evidence-files";

let admin: Actor;
const actors = {} as Record<Role, Actor>;

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
  for (const role of ROLES) actors[role] = await createUser({ role });
});

async function outcome(run: () => Promise<unknown>): Promise<Decision> {
  try {
    await run();
    return "allow";
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 403) return "forbidden";
    if (status === 404) return "notFound";
    throw e;
  }
}

let ipCounter = 0;

/** A case with account `a` on it, `b` sharing an IP with `a`, `d` linked to `a` without evidence,
 *  and a link a–b citing evidence of the case. */
async function fixture(kind: CaseKind, membership: Membership, actor: Actor) {
  const c = await createCase(admin, { restricted: kind === "restricted" });
  if (membership === "member") await addMembers(db(), c, [actor.id]);
  ipCounter += 1;
  const ip = { type: "IP" as const, value: `198.18.${Math.floor(ipCounter / 250)}.${ipCounter % 250}` };
  const a = await createAccount(admin, { attributes: [ip] });
  const b = await createAccount(admin, { attributes: [ip] });
  const d = await createAccount(admin);
  await attachAccount(admin, c.id, a.id);
  const ev = await uploadEvidence(ctxFor(admin), c.id, await stageBytes(Buffer.from(`evidence ${ipCounter}`), "e.txt"), { kind: "DOCUMENT", title: "billing export" });
  await createLink(ctxFor(admin), { accountIds: [a.id, d.id], reason: "same operator", confidence: 0.7 });
  const cited = await createLink(ctxFor(admin), { accountIds: [a.id, b.id], reason: "billing records", confidence: 0.9, evidenceIds: [ev.id] });
  return { c, a, b, d, cited };
}

/** What each list of the account side says about the case: true = shows it, false = no trace. */
async function listsShowCase(actor: Actor, f: Awaited<ReturnType<typeof fixture>>): Promise<Record<string, boolean>> {
  const { c, a, b, cited } = f;
  const detail = await getAccount(actor, a.id);
  const listed = (await listAccounts(actor, { q: a.externalId })).items[0];
  const byCase = await listAccounts(actor, { caseId: c.id });
  const sightings = await getAccountSightings(actor, b.id);
  const links = await listLinks(actor, { accountId: a.id, source: "MANUAL" });
  const cluster = await getCluster(actor, a.id);
  const clusters = await listClusters(actor, { pageSize: 200 });
  const history = await listAccountHistory(actor, a.id);
  return {
    "account list by case": byCase.total === 1 && byCase.items[0]?.id === a.id,
    "account detail cases": detail.cases.some((x) => x.id === c.id),
    "account detail caseCount": detail.caseCount === 1,
    "account list caseCount": listed.caseCount === 1,
    "sightings of a sharing account": sightings.values.some((v) => v.cases.some((x) => x.id === c.id)),
    "links citing its evidence": links.items.some((l) => l.id === cited.id) && links.total === 2,
    "link by id": await getLink(actor, cited.id).then(() => true, () => false),
    "cluster size and cases": cluster.size === 3 && cluster.cases.some((x) => x.id === c.id),
    "cluster list": clusters.items.some((x) => x.members.some((m) => m.id === b.id)),
    "account history": history.items.some((e) => e.caseId === c.id),
  };
}

async function perform(op: AccountCaseOperation, actor: Actor, f: Awaited<ReturnType<typeof fixture>>): Promise<Decision> {
  const ctx = ctxFor(actor);
  switch (op) {
    case "readAccounts":
      return outcome(() => listCaseAccounts(actor, f.c.id));
    case "attachAccount":
      return outcome(() => attachAccounts(ctx, f.c.id, { accountId: f.d.id, role: "WITNESS" }));
    case "detachAccount":
      return outcome(() => detachAccount(ctx, f.c.id, f.a.id));
    case "sightings":
      return outcome(() => getCaseSightings(actor, f.c.id));
    case "graph":
      return outcome(() => getCaseGraph(actor, f.c.id));
    case "list": {
      const shows = await listsShowCase(actor, f);
      const values = new Set(Object.values(shows));
      if (values.size !== 1) throw new Error(`lists disagree: ${JSON.stringify(shows)}`);
      return values.has(true) ? "allow" : "notFound";
    }
  }
}

const rows = ROLES.flatMap((role) =>
  (["member", "non-member"] as const).flatMap((membership) => (["restricted", "open"] as const).map((kind) => [role, membership, kind] as const)),
);

describe("accounts on cases: access through lib/", () => {
  it.each(rows)("%s %s on %s case", async (role, membership, kind) => {
    const actor = actors[role];
    const f = await fixture(kind, membership, actor);
    const seen = {} as Record<AccountCaseOperation, Decision>;
    // Reads and lists first, then the writes (detach last: it removes the account from the case).
    for (const op of ["list", "readAccounts", "sightings", "graph", "attachAccount", "detachAccount"] as const) seen[op] = await perform(op, actor, f);
    expect(Object.keys(seen).sort()).toEqual([...ACCOUNT_CASE_OPERATIONS].sort());
    expect(seen).toEqual(expectedAccountCaseAccess[role][membership][kind]);
  });
});
