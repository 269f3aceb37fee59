// The single decision of who may do what to a case. Pure: given the actor and the facts about the
// case (restricted, membership), it answers allow, forbidden (403) or notFound (404).
// Restricted cases do not exist for outsiders, so every operation answers notFound to them.
import type { Actor } from "@/lib/access/actor";
import { can } from "@/lib/access/permissions";

export const CASE_OPERATIONS = [
  "read",
  "update",
  "transition",
  "reopen",
  "assign",
  "addNote",
  "addEvidence",
  "removeEvidence",
] as const;
export type CaseOperation = (typeof CASE_OPERATIONS)[number];

export type CaseFacts = { restricted: boolean; isMember: boolean };

/** Operations that write a case's content (fields, notes, evidence, linked accounts). A CLOSED case
 *  refuses them with 409 until someone who may reopens it; status moves and assignment stay open
 *  (reopening is a move, and who may see a closed case is still managed). */
export const CONTENT_WRITES: readonly CaseOperation[] = ["update", "addNote", "addEvidence", "removeEvidence"];
export const CLOSED_CASE_MESSAGE = "This case is closed: reopen the case first";

export function isClosedTo(status: string, op: CaseOperation): boolean {
  return status === "CLOSED" && CONTENT_WRITES.includes(op);
}
export type Decision = "allow" | "forbidden" | "notFound";

export function canSeeCase(actor: Actor, facts: CaseFacts): boolean {
  if (!facts.restricted) return can(actor.role, "case:read:any");
  return facts.isMember || can(actor.role, "case:restricted:all");
}

export function decideCase(actor: Actor, facts: CaseFacts, op: CaseOperation): Decision {
  if (!canSeeCase(actor, facts)) return "notFound";
  const writeAllowed =
    can(actor.role, "case:write:any") || (facts.isMember && can(actor.role, "case:write:member"));
  switch (op) {
    case "read":
      return "allow";
    case "update":
    case "transition":
      return writeAllowed ? "allow" : "forbidden";
    case "reopen":
      return can(actor.role, "case:reopen") ? "allow" : "forbidden";
    case "assign":
      return can(actor.role, "case:assign") ? "allow" : "forbidden";
    case "addNote":
    case "addEvidence":
      return can(actor.role, "note:write:any") || (facts.isMember && can(actor.role, "note:write:member"))
        ? "allow"
        : "forbidden";
    case "removeEvidence":
      return can(actor.role, "evidence:remove") ? "allow" : "forbidden";
  }
}
