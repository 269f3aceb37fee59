// What other parts of the app hear about an action, written in the transition's own transaction:
// notifications (lib/notifications) and the outbound webhook outbox (lib/webhooks).
import { ROLES, type RequestContext } from "@/lib/access/actor";
import { can } from "@/lib/access/permissions";
import { notify } from "@/lib/notifications/notify";
import type { Tx } from "@/lib/db/client";
import { enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";

export type ActionRef = { actionId: string; caseId: string };

/** A proposal awaits the managers and admins who can see the case (never the proposer). */
export async function notifyProposal(tx: Tx, ctx: RequestContext, a: ActionRef): Promise<void> {
  const c = await tx.case.findUniqueOrThrow({ where: { id: a.caseId }, select: { number: true, restricted: true } });
  const deciders = ROLES.filter((r) => can(r, "action:approve"));
  const seeAll = ROLES.filter((r) => can(r, "case:restricted:all"));
  const users = await tx.user.findMany({
    where: {
      disabledAt: null,
      id: { not: ctx.actor.id },
      role: { in: [...deciders] },
      ...(c.restricted && { OR: [{ role: { in: [...seeAll] } }, { memberships: { some: { caseId: a.caseId } } }] }),
    },
    select: { id: true },
  });
  await notify(tx, {
    userIds: users.map((u) => u.id),
    kind: "ACTION_PROPOSED",
    title: `${ctx.actor.name} proposed an access revocation on ${c.number}: it awaits your approval`,
    link: `/actions/${a.actionId}`,
  });
}

export type TransitionRef = ActionRef & { caseNumber: string; proposedById: string; type: string; from: string; to: string };

/** After a move, in its transaction: the proposer hears of an approval or rejection; an executed or
 *  reversed revocation goes to the outbound webhook (the outbox commits with the move or not at all). */
export async function afterTransition(tx: Tx, ctx: RequestContext, t: TransitionRef): Promise<void> {
  if (t.type === "ACCESS_REVOCATION" && (t.to === "APPROVED" || t.to === "REJECTED") && t.proposedById !== ctx.actor.id) {
    await notify(tx, {
      userIds: [t.proposedById],
      kind: t.to === "APPROVED" ? "ACTION_APPROVED" : "ACTION_REJECTED",
      title: `${ctx.actor.name} ${t.to === "APPROVED" ? "approved" : "rejected"} your access revocation on ${t.caseNumber}`,
      link: `/actions/${t.actionId}`,
    });
  }
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
