// Moving an action through its state machine. The update is guarded on the status it was read in,
// so of two managers approving the same proposal at once exactly one wins and the other gets 409,
// on SQLite and PostgreSQL alike.
import type { RequestContext } from "@/lib/access/actor";
import { db, type Db } from "@/lib/db/client";
import { invalidInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { ActionStatus } from "@/lib/generated/sqlite/enums";
import { messageOf, parseInput } from "@/lib/validation";
import { assertActionOperation, loadActionAccess } from "@/lib/actions/action-access";
import { operationForMove } from "@/lib/actions/action-policy";
import { ZActionTransitionInput, type TActionTransitionInput } from "@/lib/actions/action-schemas";
import { ACTION_MACHINES, isFinal } from "@/lib/actions/action-status";
import { assertMove, updateGuarded } from "@/lib/state-machine/state-machine";
import type { ActionDetail } from "@/lib/actions/action-view";
import { afterTransition } from "@/lib/actions/action-hooks";
import { restoreTargetAccounts, revokeTargetAccounts } from "@/lib/actions/apply-revocation";
import { loadActionDetail } from "@/lib/actions/load-action-detail";
import { recordActionEvent } from "@/lib/actions/record-action-event";

export async function transitionAction(ctx: RequestContext, actionId: string, input: TActionTransitionInput | unknown, client: Db = db()): Promise<ActionDetail> {
  const data = parseInput(ZActionTransitionInput, input);
  const id = await client.$transaction(async (tx) => {
    const a = await loadActionAccess(tx, ctx.actor, actionId);
    const from = a.status;
    // 404 (hidden case), then 403 (role, four eyes), then 409 (illegal move), then 400 (what the move needs).
    assertActionOperation(ctx.actor, a, operationForMove(a.type, data.to));
    assertMove(ACTION_MACHINES[a.type], from, data.to);
    const fields = movesFields(data.to, data, ctx.actor.id);
    await updateGuarded(ACTION_MACHINES[a.type], from, () =>
      tx.action.updateMany({
        where: { id: a.id, status: from },
        data: { status: data.to, open: !isFinal(data.to), version: { increment: 1 }, ...fields },
      }),
    );
    if (data.to === "EXECUTED") await revokeTargetAccounts(tx, ctx, a.id);
    if (data.to === "REVERSED") await restoreTargetAccounts(tx, ctx, a.id);
    await recordActionEvent(tx, ctx, {
      actionId: a.id,
      caseId: a.caseId,
      from,
      to: data.to,
      comment: data.comment ?? data.reason,
      changes: Object.fromEntries(
        Object.entries(fields)
          .filter(([k]) => !k.endsWith("At") && !k.endsWith("ById"))
          .map(([k, v]) => [k, { after: v }]),
      ),
    });
    await afterTransition(tx, ctx, { actionId: a.id, caseId: a.caseId, caseNumber: a.caseNumber, proposedById: a.proposedById, type: a.type, from, to: data.to });
    return a.id;
  });
  // Read after the commit: the answer's read holds no write lock (on SQLite the lock serializes
  // every writer; decision 0009), and it shows the action as it now stands.
  return loadActionDetail(client, ctx.actor, id);
}

/** What a move records beside the status, and what it needs (400 naming the field when missing). */
function movesFields(to: ActionStatus, data: { reason?: string; externalReference?: string; outcome?: string }, actorId: string): Prisma.ActionUpdateManyMutationInput & Record<string, unknown> {
  const need = (field: "reason" | "externalReference" | "outcome", what: string) => {
    const value = data[field];
    if (!value) throw invalidInput(messageOf({ [field]: [what] }), { [field]: [what] });
    return value;
  };
  switch (to) {
    case "APPROVED":
      return { approvedById: actorId, approvedAt: new Date() };
    case "REJECTED":
      return { approvedById: actorId, approvedAt: new Date(), reason: need("reason", "a rejection needs a reason") };
    case "EXECUTED":
      return { executedById: actorId, executedAt: new Date(), externalReference: need("externalReference", "executing needs the external reference of the revocation") };
    case "REVERSED":
      return { reason: need("reason", "a reversal needs a reason") };
    case "CONCLUDED":
      return { outcome: need("outcome", "a conclusion needs an outcome") };
    default:
      return {};
  }
}
