// Two managers approving (then executing) the same proposal at the same moment, through two separate
// database clients (two connections, as two app instances would have): in every round exactly one
// wins and the other gets 409, and the accounts are updated once. SQLite and PostgreSQL alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { createAction } from "@/lib/actions/create-action";
import { transitionAction } from "@/lib/actions/transition-action";
import { createDb, db, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { createAccount, createCase, createUser, ctxFor } from "@/test/factories";

const ROUNDS = 20;
let investigator: Actor, m1: Actor, m2: Actor;
let second: Db;

beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
  m1 = await createUser({ role: "MANAGER" });
  m2 = await createUser({ role: "MANAGER" });
  second = createDb(env().databaseUrl);
});

afterAll(async () => {
  await second.$disconnect();
});

function outcomeOf(r: PromiseSettledResult<unknown>): string {
  if (r.status === "fulfilled") return "ok";
  return isAppError(r.reason) ? String(r.reason.status) : `unexpected: ${String(r.reason)}`;
}

describe("concurrent moves of one action", () => {
  it(`approve and execute races: one winner and one 409 in each of ${ROUNDS} rounds, accounts revoked once`, async () => {
    const c = await createCase(investigator);
    const tally: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      const acct = await createAccount(investigator);
      const p = await createAction(ctxFor(investigator), c.id, { type: "ACCESS_REVOCATION", justification: `round ${round}`, targetAccountIds: [acct.id] });
      const approvals = await Promise.allSettled([
        transitionAction(ctxFor(m1), p.id, { to: "APPROVED" }, db()),
        transitionAction(ctxFor(m2), p.id, { to: "APPROVED" }, second),
      ]);
      const executions = await Promise.allSettled([
        transitionAction(ctxFor(m2), p.id, { to: "EXECUTED", externalReference: `A-${round}` }, second),
        transitionAction(ctxFor(m1), p.id, { to: "EXECUTED", externalReference: `B-${round}` }, db()),
      ]);
      for (const results of [approvals, executions]) {
        const outcomes = results.map(outcomeOf).sort();
        expect(outcomes).toEqual(["409", "ok"]);
        for (const o of outcomes) tally[o] = (tally[o] ?? 0) + 1;
      }
      const events = await db().actionEvent.findMany({ where: { actionId: p.id }, select: { toStatus: true } });
      expect(events.map((e) => e.toStatus).sort()).toEqual(["APPROVED", "EXECUTED", "PROPOSED"]);
      expect(await db().auditEvent.count({ where: { action: "account.update", entityId: acct.id } })).toBe(1);
      expect(await db().webhookDelivery.count({ where: { actionId: p.id } })).toBe(1);
      const account = await db().account.findUniqueOrThrow({ where: { id: acct.id } });
      expect([account.status, account.version]).toEqual(["REVOKED", 2]);
    }
    expect(tally).toEqual({ ok: 2 * ROUNDS, "409": 2 * ROUNDS });
  });
});
