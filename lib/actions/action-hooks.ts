// What other parts of the app hear about an action, written in the transition's own transaction:
// notifications (lib/notifications) and the outbound webhook outbox (lib/webhooks).
import type { RequestContext } from "@/lib/access/actor";
import type { Tx } from "@/lib/db/client";
import { enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";

export type ActionRef = { actionId: string; caseId: string };

/** A proposal awaits the managers and admins who can see the case (never the proposer). */
export async function notifyProposal(_tx: Tx, _ctx: RequestContext, _a: ActionRef): Promise<void> {}

export type TransitionRef = ActionRef & { proposedById: string; type: string; from: string; to: string };

/** After a move, in its transaction: the proposer hears of an approval or rejection; an executed or
 *  reversed revocation goes to the outbound webhook (the outbox commits with the move or not at all). */
export async function afterTransition(tx: Tx, _ctx: RequestContext, t: TransitionRef): Promise<void> {
  if (t.type === "ACCESS_REVOCATION" && (t.to === "EXECUTED" || t.to === "REVERSED")) {
    await enqueueWebhook(tx, t.to === "EXECUTED" ? "action.executed" : "action.reversed", await webhookPayload(tx, t.actionId));
  }
}

/** What the provider's key-management system needs to act: which accounts, keys or organization, and our reference. */
async function webhookPayload(tx: Tx, actionId: string) {
  const a = await tx.action.findUniqueOrThrow({
    where: { id: actionId },
    select: {
      id: true,
      status: true,
      scope: true,
      externalReference: true,
      reason: true,
      updatedAt: true,
      case: { select: { id: true, number: true } },
      targets: { orderBy: { value: "asc" }, select: { kind: true, value: true, previousStatus: true, account: { select: { id: true, externalId: true, status: true } } } },
    },
  });
  return {
    actionId: a.id,
    caseId: a.case.id,
    caseNumber: a.case.number,
    status: a.status,
    scope: a.scope,
    externalReference: a.externalReference,
    reason: a.reason,
    targets: a.targets.map((t) => ({
      kind: t.kind,
      value: t.value,
      ...(t.account && { accountId: t.account.id, externalId: t.account.externalId, accountStatus: t.account.status }),
    })),
    at: a.updatedAt.toISOString(),
  };
}
