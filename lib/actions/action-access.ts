// Every read or move of an action goes through requireAction(): the action's case decides
// visibility (a restricted case's actions are 404 to outsiders), then the action policy decides.
import type { Actor } from "@/lib/access/actor";
import type { Tx } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import type { ActionStatus, ActionType } from "@/lib/generated/sqlite/enums";
import { decideAction, forbiddenMessage, type ActionFacts, type ActionOperation } from "@/lib/actions/action-policy";

export type ActionAccessRow = {
  id: string;
  type: ActionType;
  status: ActionStatus;
  proposedById: string;
  caseId: string;
  caseNumber: string;
  facts: ActionFacts;
};

export async function loadActionAccess(tx: Tx, actor: Actor, id: string): Promise<ActionAccessRow> {
  const row = await tx.action.findUnique({
    where: { id },
    select: {
      id: true,
      type: true,
      status: true,
      proposedById: true,
      caseId: true,
      case: { select: { number: true, restricted: true, members: { where: { userId: actor.id }, select: { userId: true } } } },
    },
  });
  if (!row) throw notFound("Action not found");
  const facts = { restricted: row.case.restricted, isMember: row.case.members.length > 0, isProposer: row.proposedById === actor.id };
  if (decideAction(actor, facts, "read") === "notFound") throw notFound("Action not found");
  const { case: c, ...rest } = row;
  return { ...rest, caseNumber: c.number, facts };
}

export function assertActionOperation(actor: Actor, access: ActionAccessRow, op: ActionOperation): void {
  const decision = decideAction(actor, access.facts, op);
  if (decision === "notFound") throw notFound("Action not found");
  if (decision === "forbidden") throw forbidden(forbiddenMessage(actor, access.facts, op));
}
