// Table-driven authorization: every role × member/non-member × restricted/open × operation.
import { describe, expect, it } from "vitest";
import { ROLES, type Actor, type Role } from "@/lib/access/actor";
import { CASE_OPERATIONS, decideCase, type CaseOperation, type Decision } from "@/lib/access/case-policy";
import { expectedCaseAccess, type CaseKind, type Membership } from "@/test/support/case-access-table";

type Row = [Role, Membership, CaseKind, CaseOperation, Decision];

const rows: Row[] = ROLES.flatMap((role) =>
  (["member", "non-member"] as const).flatMap((m) =>
    (["restricted", "open"] as const).flatMap((r) =>
      CASE_OPERATIONS.map((op): Row => [role, m, r, op, expectedCaseAccess[role][m][r][op]]),
    ),
  ),
);
describe("case policy", () => {
  it("has an expected answer for every operation in every cell", () => {
    for (const role of ROLES) {
      for (const m of ["member", "non-member"] as const) {
        for (const k of ["restricted", "open"] as const) {
          expect(Object.keys(expectedCaseAccess[role][m][k]).sort()).toEqual([...CASE_OPERATIONS].sort());
        }
      }
    }
    expect(rows).toHaveLength(4 * 2 * 2 * 8);
  });

  it.each(rows)("%s %s on %s case: %s → %s", (role, membership, kind, op, decision) => {
    const actor: Actor = { id: "u1", email: "u@x", name: "U", role };
    expect(decideCase(actor, { restricted: kind === "restricted", isMember: membership === "member" }, op)).toBe(decision);
  });
});
