// The authorization table for actions through the real lib/ functions: every role × member/non-member
// × restricted/open case × operation (test/support/case-access-table.ts), plus the lists: an action
// of a case the reader may not see appears in none of them.
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Actor, type Role } from "@/lib/access/actor";
import type { Decision } from "@/lib/access/case-policy";
import { createAction } from "@/lib/actions/create-action";
import { getAction } from "@/lib/actions/get-action";
import { listActions, listCaseActions } from "@/lib/actions/list-actions";
import { transitionAction } from "@/lib/actions/transition-action";
import { addMembers } from "@/lib/cases/case-members";
import { db } from "@/lib/db/client";
import { createAccount, createCase, createUser, ctxFor } from "@/test/factories";
import {
  ACTION_TABLE_OPERATIONS,
  expectedActionAccess,
  type ActionTableOperation,
  type CaseKind,
  type Membership,
} from "@/test/support/case-access-table";

let admin: Actor, admin2: Actor;
const actors = {} as Record<Role, Actor>;

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
  admin2 = await createUser({ role: "ADMIN" });
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

type Fixture = { caseId: string; accountId: string; kind: CaseKind; actor: Actor };

async function newCase(kind: CaseKind, membership: Membership, actor: Actor): Promise<string> {
  const c = await createCase(admin, { restricted: kind === "restricted" });
  if (membership === "member") await addMembers(db(), c, [actor.id]);
  return c.id;
}

async function revocation(f: Fixture, upTo: "PROPOSED" | "APPROVED" | "EXECUTED" = "PROPOSED"): Promise<string> {
  const p = await createAction(ctxFor(admin), f.caseId, { type: "ACCESS_REVOCATION", justification: "table", targetAccountIds: [f.accountId] });
  if (upTo !== "PROPOSED") await transitionAction(ctxFor(admin2), p.id, { to: "APPROVED" });
  if (upTo === "EXECUTED") await transitionAction(ctxFor(admin2), p.id, { to: "EXECUTED", externalReference: "T-1" });
  return p.id;
}

async function review(f: Fixture, upTo: "DRAFT" | "UNDER_REVIEW"): Promise<string> {
  const r = await createAction(ctxFor(admin), f.caseId, {
    type: "NATIONAL_SECURITY_REVIEW",
    referralBody: "OEE",
    dueAt: "2030-01-01",
    ...(f.kind === "open" && { keepUnrestrictedReason: "kept open for the table" }),
  });
  if (upTo === "UNDER_REVIEW") for (const to of ["REFERRED", "UNDER_REVIEW"]) await transitionAction(ctxFor(admin), r.id, { to });
  return r.id;
}

const RUN: Record<ActionTableOperation, (f: Fixture, m: Membership) => Promise<() => Promise<unknown>>> = {
  read: async (f) => {
    const id = await revocation(f);
    return () => getAction(f.actor, id);
  },
  propose: async (f) => () => createAction(ctxFor(f.actor), f.caseId, { type: "ACCESS_REVOCATION", justification: "j", targetAccountIds: [f.accountId] }),
  // A fresh case: referring makes an open case restricted.
  refer: async (f, m) => {
    const caseId = await newCase(f.kind, m, f.actor);
    return () => createAction(ctxFor(f.actor), caseId, { type: "NATIONAL_SECURITY_REVIEW", referralBody: "OEE", dueAt: "2030-01-01" });
  },
  approve: async (f) => {
    const id = await revocation(f);
    return () => transitionAction(ctxFor(f.actor), id, { to: "APPROVED" });
  },
  reject: async (f) => {
    const id = await revocation(f);
    return () => transitionAction(ctxFor(f.actor), id, { to: "REJECTED", reason: "no" });
  },
  approveOwn: async (f) => {
    const id = await revocation(f);
    await db().action.update({ where: { id }, data: { proposedById: f.actor.id } });
    return () => transitionAction(ctxFor(f.actor), id, { to: "APPROVED" });
  },
  execute: async (f) => {
    const id = await revocation(f, "APPROVED");
    return () => transitionAction(ctxFor(f.actor), id, { to: "EXECUTED", externalReference: "X-1" });
  },
  verify: async (f) => {
    const id = await revocation(f, "EXECUTED");
    return () => transitionAction(ctxFor(f.actor), id, { to: "VERIFIED" });
  },
  reverse: async (f) => {
    const id = await revocation(f, "EXECUTED");
    return () => transitionAction(ctxFor(f.actor), id, { to: "REVERSED", reason: "mistake" });
  },
  moveReview: async (f) => {
    const id = await review(f, "DRAFT");
    return () => transitionAction(ctxFor(f.actor), id, { to: "REFERRED" });
  },
  concludeReview: async (f) => {
    const id = await review(f, "UNDER_REVIEW");
    return () => transitionAction(ctxFor(f.actor), id, { to: "CONCLUDED", outcome: "closed" });
  },
};

const cells = ROLES.flatMap((role) =>
  (["member", "non-member"] as const).flatMap((m) => (["restricted", "open"] as const).map((k): [Role, Membership, CaseKind] => [role, m, k])),
);

describe("action authorization table", () => {
  it.each(cells)("%s %s, %s case", async (role, membership, kind) => {
    const actor = actors[role];
    const caseId = await newCase(kind, membership, actor);
    const accountId = (await createAccount(admin)).id;
    const f: Fixture = { caseId, accountId, kind, actor };
    const got: Record<string, Decision> = {};
    for (const op of ACTION_TABLE_OPERATIONS) got[op] = await outcome(await RUN[op](f, membership));
    expect(got).toEqual(expectedActionAccess[role][membership][kind]);

    // The lists show the case's actions exactly when the action can be read.
    const visible = expectedActionAccess[role][membership][kind].read === "allow";
    const all = await listActions(actor, { pageSize: "200" });
    expect(all.items.some((a) => a.caseId === caseId)).toBe(visible);
    expect(await outcome(() => listCaseActions(actor, caseId))).toBe(visible ? "allow" : "notFound");
  });
});
