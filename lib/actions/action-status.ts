// The two action state machines of the product brief, one NEXT table each, on the shared state-machine
// helper (lib/state-machine), which words the refusal naming the allowed moves. Pure.
import type { ActionStatus, ActionType } from "@/lib/generated/sqlite/enums";
import { allowedMoves as machineAllowedMoves, defineMachine, moveRefusal, type Machine, type NextTable } from "@/lib/state-machine/state-machine";

export const ACTION_TYPES = ["ACCESS_REVOCATION", "NATIONAL_SECURITY_REVIEW"] as const satisfies readonly ActionType[];
export const ACTION_STATUSES = [
  "PROPOSED",
  "APPROVED",
  "EXECUTED",
  "VERIFIED",
  "REJECTED",
  "REVERSED",
  "DRAFT",
  "REFERRED",
  "UNDER_REVIEW",
  "INFO_REQUESTED",
  "CONCLUDED",
] as const satisfies readonly ActionStatus[];

const REVOCATION_NEXT: Partial<Record<ActionStatus, readonly ActionStatus[]>> = {
  PROPOSED: ["APPROVED", "REJECTED"],
  APPROVED: ["EXECUTED"],
  EXECUTED: ["VERIFIED", "REVERSED"],
  VERIFIED: [],
  REJECTED: [],
  REVERSED: [],
};

const REVIEW_NEXT: Partial<Record<ActionStatus, readonly ActionStatus[]>> = {
  DRAFT: ["REFERRED"],
  REFERRED: ["UNDER_REVIEW"],
  UNDER_REVIEW: ["INFO_REQUESTED", "CONCLUDED"],
  INFO_REQUESTED: ["UNDER_REVIEW"],
  CONCLUDED: [],
};

// The other type's states are absent from a table: moving to one is refused like any illegal move.
export const ACTION_MACHINES: Record<ActionType, Machine<ActionStatus>> = {
  ACCESS_REVOCATION: defineMachine("access revocation", REVOCATION_NEXT as NextTable<ActionStatus>),
  NATIONAL_SECURITY_REVIEW: defineMachine("national-security review", REVIEW_NEXT as NextTable<ActionStatus>),
};

export const INITIAL_STATUS: Record<ActionType, ActionStatus> = {
  ACCESS_REVOCATION: "PROPOSED",
  NATIONAL_SECURITY_REVIEW: "DRAFT",
};

/** Where an action's work ends; an action in any other state keeps its case from closing. */
export const FINAL_STATUSES: readonly ActionStatus[] = ["VERIFIED", "REJECTED", "REVERSED", "CONCLUDED"];

export function isFinal(status: ActionStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function allowedMoves(type: ActionType, from: ActionStatus): readonly ActionStatus[] {
  return machineAllowedMoves(ACTION_MACHINES[type], from);
}

/** The refusal for an illegal move, naming the moves that are allowed; null when the move is legal. */
export function actionTransitionError(type: ActionType, from: ActionStatus, to: ActionStatus): string | null {
  return moveRefusal(ACTION_MACHINES[type], from, to);
}

export function statusLabel(s: string): string {
  return s.replaceAll("_", " ").toLowerCase();
}

export function typeLabel(t: ActionType): string {
  return t === "ACCESS_REVOCATION" ? "Access revocation" : "National-security review";
}
