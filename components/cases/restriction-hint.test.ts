import { describe, expect, it } from "vitest";
import { describeRestrictionImpact } from "@/components/cases/restriction-hint";

describe("describeRestrictionImpact", () => {
  it("names who keeps access, how many lose it, and who of them worked on the case", () => {
    expect(describeRestrictionImpact({ keep: ["Dana", "Eli"], loseCount: 12, loseContributors: ["Fay", "Gus"] })).toBe(
      "Restricting it leaves it visible only to its members (Dana, Eli) and admins: 12 people who can see it now lose access, including Fay and Gus, who worked on it. Lifting a restriction needs a manager or admin.",
    );
  });

  it("says when nobody loses access, and when the case has no members", () => {
    expect(describeRestrictionImpact({ keep: [], loseCount: 0, loseContributors: [] })).toBe(
      "Restricting it leaves it visible only to admins (it has no members); nobody else can see it now, so nobody loses access.",
    );
    expect(describeRestrictionImpact({ keep: ["Dana"], loseCount: 1, loseContributors: [] })).toContain("1 person who can see it now loses access.");
  });
});
