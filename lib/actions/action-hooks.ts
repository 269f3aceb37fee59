// What other parts of the app hear about an action, written in the transition's own transaction:
// notifications (lib/notifications) and the outbound webhook outbox (lib/webhooks).
import type { RequestContext } from "@/lib/access/actor";
import type { Tx } from "@/lib/db/client";

export type ActionRef = { actionId: string; caseId: string };

/** A proposal awaits the managers and admins who can see the case (never the proposer). */
export async function notifyProposal(_tx: Tx, _ctx: RequestContext, _a: ActionRef): Promise<void> {}

export type TransitionRef = ActionRef & { proposedById: string; type: string; from: string; to: string };

/** After a move, in its transaction: the proposer hears of an approval or rejection; an executed or
 *  reversed revocation goes to the outbound webhook. */
export async function afterTransition(_tx: Tx, _ctx: RequestContext, _t: TransitionRef): Promise<void> {}
