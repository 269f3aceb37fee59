// The case status machine of the product brief. IN_REVIEW may also go back to ACTIVE when a
// reviewer sends the case back; reopening CLOSED → ACTIVE is for managers and admins only.
import type { CaseStatus } from "@/lib/generated/sqlite/enums";
import { allowedMoves, defineMachine, label, moveRefusal } from "@/lib/state-machine/state-machine";

export const CASE_MACHINE = defineMachine<CaseStatus>("case", {
  OPEN: ["ACTIVE"],
  ACTIVE: ["ON_HOLD", "IN_REVIEW"],
  ON_HOLD: ["ACTIVE", "IN_REVIEW"],
  IN_REVIEW: ["ACTIVE", "CLOSED"],
  CLOSED: ["ACTIVE"],
});

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return allowedMoves(CASE_MACHINE, from);
}

export function isReopen(from: CaseStatus, to: CaseStatus): boolean {
  return from === "CLOSED" && to === "ACTIVE";
}

export function transitionError(from: CaseStatus, to: CaseStatus): string | null {
  return moveRefusal(CASE_MACHINE, from, to);
}

export { label };

export const SEVERITY_RANK = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 } as const;
