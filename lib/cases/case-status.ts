// The case status machine of the product brief. IN_REVIEW may also go back to ACTIVE when a
// reviewer sends the case back; reopening CLOSED → ACTIVE is for managers and admins only.
import type { CaseStatus } from "@/lib/generated/sqlite/enums";

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  OPEN: ["ACTIVE"],
  ACTIVE: ["ON_HOLD", "IN_REVIEW"],
  ON_HOLD: ["ACTIVE", "IN_REVIEW"],
  IN_REVIEW: ["ACTIVE", "CLOSED"],
  CLOSED: ["ACTIVE"],
};

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return NEXT[from];
}

export function isReopen(from: CaseStatus, to: CaseStatus): boolean {
  return from === "CLOSED" && to === "ACTIVE";
}

export function transitionError(from: CaseStatus, to: CaseStatus): string | null {
  if (from === to) return `The case is already ${label(to)}.`;
  if (NEXT[from].includes(to)) return null;
  const options = NEXT[from].map(label).join(" or ");
  return `A case cannot move from ${label(from)} to ${label(to)}; from ${label(from)} it can move to ${options}.`;
}

export function label(s: string): string {
  return s.replace("_", " ").toLowerCase().replace(/^\w/, (c) => c.toUpperCase());
}

export const SEVERITY_RANK = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 } as const;
