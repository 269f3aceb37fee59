import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { allowedMoves, assertMove, defineMachine, isFinal, moveRefusal, updateGuarded } from "@/lib/state-machine/state-machine";

type S = "PROPOSED" | "APPROVED" | "REJECTED" | "EXECUTED";
const M = defineMachine<S>("access revocation", {
  PROPOSED: ["APPROVED", "REJECTED"],
  APPROVED: ["EXECUTED"],
  REJECTED: [],
  EXECUTED: [],
});

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
  }
  throw new Error("expected an AppError");
}

describe("state machine", () => {
  it("lists the moves from a state and knows the final ones", () => {
    expect(allowedMoves(M, "PROPOSED")).toEqual(["APPROVED", "REJECTED"]);
    expect(isFinal(M, "REJECTED")).toBe(true);
    expect(isFinal(M, "APPROVED")).toBe(false);
  });

  it("allows a listed move and refuses others naming the moves there are", () => {
    expect(moveRefusal(M, "PROPOSED", "APPROVED")).toBeNull();
    expect(moveRefusal(M, "PROPOSED", "EXECUTED")).toBe(
      "An access revocation cannot move from Proposed to Executed; from Proposed it can move to Approved or Rejected.",
    );
    expect(moveRefusal(M, "REJECTED", "APPROVED")).toBe(
      "An access revocation cannot move from Rejected to Approved; Rejected is final.",
    );
    expect(moveRefusal(M, "APPROVED", "APPROVED")).toBe("The access revocation is already Approved.");
  });

  it("assertMove throws ILLEGAL_TRANSITION (409) with the allowed moves as details", () => {
    expect(() => assertMove(M, "APPROVED", "EXECUTED")).not.toThrow();
    const e = caught(() => assertMove(M, "PROPOSED", "EXECUTED"));
    expect([e.code, e.status]).toEqual(["ILLEGAL_TRANSITION", 409]);
    expect(e.details).toEqual({ from: "PROPOSED", to: "EXECUTED", allowed: ["APPROVED", "REJECTED"] });
  });

  it("updateGuarded passes when one row moved and answers CONFLICT (409) when none did", async () => {
    await expect(updateGuarded(M, "PROPOSED", async () => ({ count: 1 }))).resolves.toBeUndefined();
    const lost = await updateGuarded(M, "PROPOSED", async () => ({ count: 0 })).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(AppError);
    expect([(lost as AppError).code, (lost as AppError).status]).toEqual(["CONFLICT", 409]);
    expect((lost as AppError).message).toBe(
      "The access revocation changed status meanwhile (it is no longer Proposed). Reload and try again.",
    );
  });
});
