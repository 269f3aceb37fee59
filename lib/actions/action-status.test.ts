import { describe, expect, it } from "vitest";
import { ACTION_STATUSES, actionTransitionError, allowedMoves, FINAL_STATUSES, isFinal } from "@/lib/actions/action-status";

describe("action state machines", () => {
  it("allows exactly the moves of the product brief", () => {
    const moves = (type: "ACCESS_REVOCATION" | "NATIONAL_SECURITY_REVIEW") =>
      ACTION_STATUSES.flatMap((from) => ACTION_STATUSES.filter((to) => actionTransitionError(type, from, to) === null).map((to) => `${from}>${to}`));
    expect(moves("ACCESS_REVOCATION")).toEqual(["PROPOSED>APPROVED", "PROPOSED>REJECTED", "APPROVED>EXECUTED", "EXECUTED>VERIFIED", "EXECUTED>REVERSED"]);
    expect(moves("NATIONAL_SECURITY_REVIEW")).toEqual([
      "DRAFT>REFERRED",
      "REFERRED>UNDER_REVIEW",
      "UNDER_REVIEW>INFO_REQUESTED",
      "UNDER_REVIEW>CONCLUDED",
      "INFO_REQUESTED>UNDER_REVIEW",
    ]);
  });

  it("names the allowed moves when refusing", () => {
    expect(actionTransitionError("ACCESS_REVOCATION", "PROPOSED", "EXECUTED")).toBe(
      "An access revocation cannot move from Proposed to Executed; from Proposed it can move to Approved or Rejected.",
    );
    expect(actionTransitionError("NATIONAL_SECURITY_REVIEW", "CONCLUDED", "UNDER_REVIEW")).toMatch(/Concluded is final/);
    expect(actionTransitionError("ACCESS_REVOCATION", "PROPOSED", "REFERRED")).toMatch(/can move to Approved or Rejected/);
  });

  it("treats VERIFIED, REJECTED, REVERSED and CONCLUDED as final, and nothing else", () => {
    expect(ACTION_STATUSES.filter(isFinal)).toEqual([...FINAL_STATUSES]);
    expect(allowedMoves("ACCESS_REVOCATION", "VERIFIED")).toEqual([]);
  });
});
