// Who may do what to an action. Pure, like the case policy it builds on: given the actor and the
// facts (the case's restriction and membership, whether the actor proposed the action), it
// answers allow, forbidden (403) or notFound (404: the case is restricted and hidden from them).
import type { Actor } from "@/lib/access/actor";
import { decideCase, type CaseFacts, type Decision } from "@/lib/access/case-policy";
import { can } from "@/lib/access/permissions";
import type { ActionStatus, ActionType } from "@/lib/generated/sqlite/enums";

export const ACTION_OPERATIONS = ["read", "propose", "refer", "decide", "execute", "progressReview"] as const;
export type ActionOperation = (typeof ACTION_OPERATIONS)[number];

export type ActionFacts = CaseFacts & { isProposer: boolean };

export function decideAction(actor: Actor, facts: ActionFacts, op: ActionOperation): Decision {
  const onCase = decideCase(actor, facts, "update");
  if (decideCase(actor, facts, "read") === "notFound") return "notFound";
  switch (op) {
    case "read":
      return "allow";
    case "propose":
    case "refer":
    case "progressReview":
      return onCase === "allow" && can(actor.role, "action:propose") ? "allow" : "forbidden";
    case "decide":
      return can(actor.role, "action:approve") && !facts.isProposer ? "allow" : "forbidden";
    case "execute":
      return can(actor.role, "action:execute") ? "allow" : "forbidden";
  }
}

/** The operation a move needs: approving and rejecting are decisions (four eyes); executing,
 *  verifying and reversing a revocation are for managers and admins; a review moves with the case's writers. */
export function operationForMove(type: ActionType, to: ActionStatus): ActionOperation {
  if (type === "NATIONAL_SECURITY_REVIEW") return "progressReview";
  return to === "APPROVED" || to === "REJECTED" ? "decide" : "execute";
}

export function forbiddenMessage(actor: Actor, facts: ActionFacts, op: ActionOperation): string {
  switch (op) {
    case "decide":
      return can(actor.role, "action:approve")
        ? "You proposed this revocation; another manager or admin must approve or reject it"
        : "Only a manager or admin can approve or reject a revocation";
    case "execute":
      return "Only a manager or admin can execute, verify or reverse a revocation";
    default:
      return "Only members of this case, managers and admins can propose or move its actions";
  }
}
