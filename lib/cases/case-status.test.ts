// The status machine of the product brief, move by move: every (from, to) pair is either one of
// the moves below or refused with a message that names the allowed ones.
import { describe, expect, it } from "vitest";
import { allowedTransitions, isReopen, label, SEVERITY_RANK, transitionError } from "@/lib/cases/case-status";
import type { CaseStatus } from "@/lib/generated/sqlite/enums";

const STATUSES: CaseStatus[] = ["OPEN", "ACTIVE", "ON_HOLD", "IN_REVIEW", "CLOSED"];

// OPEN → ACTIVE ⇄ ON_HOLD → IN_REVIEW → CLOSED; ACTIVE → IN_REVIEW; a reviewer sends IN_REVIEW
// back to ACTIVE; a manager reopens CLOSED → ACTIVE.
const MOVES: [CaseStatus, CaseStatus][] = [
  ["OPEN", "ACTIVE"],
  ["ACTIVE", "ON_HOLD"],
  ["ACTIVE", "IN_REVIEW"],
  ["ON_HOLD", "ACTIVE"],
  ["ON_HOLD", "IN_REVIEW"],
  ["IN_REVIEW", "ACTIVE"],
  ["IN_REVIEW", "CLOSED"],
  ["CLOSED", "ACTIVE"],
];

const pairs = STATUSES.flatMap((from) => STATUSES.map((to): [CaseStatus, CaseStatus] => [from, to]));
const allowed = (from: CaseStatus, to: CaseStatus) => MOVES.some(([f, t]) => f === from && t === to);

describe("case status machine", () => {
  it("offers exactly the moves of the brief from each status, in a stable order", () => {
    expect(Object.fromEntries(STATUSES.map((s) => [s, allowedTransitions(s)]))).toEqual({
      OPEN: ["ACTIVE"],
      ACTIVE: ["ON_HOLD", "IN_REVIEW"],
      ON_HOLD: ["ACTIVE", "IN_REVIEW"],
      IN_REVIEW: ["ACTIVE", "CLOSED"],
      CLOSED: ["ACTIVE"],
    });
  });

  it.each(pairs.filter(([f, t]) => allowed(f, t)))("allows %s → %s", (from, to) => {
    expect(transitionError(from, to)).toBeNull();
  });

  it.each(pairs.filter(([f, t]) => f !== t && !allowed(f, t)))("refuses %s → %s, naming the moves there are", (from, to) => {
    const options = allowedTransitions(from).map(label).join(" or ");
    expect(transitionError(from, to)).toBe(
      `A case cannot move from ${label(from)} to ${label(to)}; from ${label(from)} it can move to ${options}.`,
    );
  });

  it.each(STATUSES)("refuses %s → itself as 'already'", (s) => {
    expect(transitionError(s, s)).toBe(`The case is already ${label(s)}.`);
  });

  it("words the refusals as a person reads them", () => {
    expect(transitionError("ACTIVE", "ACTIVE")).toBe("The case is already Active.");
    expect(transitionError("OPEN", "CLOSED")).toBe("A case cannot move from Open to Closed; from Open it can move to Active.");
    expect(transitionError("ACTIVE", "CLOSED")).toBe(
      "A case cannot move from Active to Closed; from Active it can move to On hold or In review.",
    );
  });

  it("counts only CLOSED → ACTIVE as a reopen", () => {
    expect(pairs.filter(([f, t]) => isReopen(f, t))).toEqual([["CLOSED", "ACTIVE"]]);
  });
});

describe("label", () => {
  it("turns an enum value into words with a capital first letter", () => {
    expect(["OPEN", "ON_HOLD", "IN_REVIEW", "UNSUBSTANTIATED", "CRITICAL", "ADMIN"].map(label)).toEqual([
      "Open",
      "On hold",
      "In review",
      "Unsubstantiated",
      "Critical",
      "Admin",
    ]);
  });

  it("capitalises only the very first character", () => {
    expect(label("_X")).toBe(" x");
    expect(label("a")).toBe("A");
  });
});

describe("severity rank", () => {
  it("orders LOW < MEDIUM < HIGH < CRITICAL", () => {
    expect(SEVERITY_RANK).toEqual({ LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 });
  });
});
