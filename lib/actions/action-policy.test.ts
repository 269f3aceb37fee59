// The action policy against the written-out table: every role × member/non-member × restricted/open × operation.
import { describe, expect, it } from "vitest";
import { ROLES, type Actor, type Role } from "@/lib/access/actor";
import type { Decision } from "@/lib/access/case-policy";
import { decideAction, operationForMove, type ActionOperation } from "@/lib/actions/action-policy";
import {
  ACTION_TABLE_OPERATIONS,
  expectedActionAccess,
  type ActionTableOperation,
  type CaseKind,
  type Membership,
} from "@/test/support/case-access-table";

const POLICY_OP: Record<ActionTableOperation, [ActionOperation, boolean]> = {
  read: ["read", false],
  propose: ["propose", true],
  refer: ["refer", true],
  approve: [operationForMove("ACCESS_REVOCATION", "APPROVED"), false],
  reject: [operationForMove("ACCESS_REVOCATION", "REJECTED"), false],
  approveOwn: [operationForMove("ACCESS_REVOCATION", "APPROVED"), true],
  execute: [operationForMove("ACCESS_REVOCATION", "EXECUTED"), false],
  verify: [operationForMove("ACCESS_REVOCATION", "VERIFIED"), false],
  reverse: [operationForMove("ACCESS_REVOCATION", "REVERSED"), false],
  moveReview: [operationForMove("NATIONAL_SECURITY_REVIEW", "REFERRED"), false],
  concludeReview: [operationForMove("NATIONAL_SECURITY_REVIEW", "CONCLUDED"), false],
};

type Row = [Role, Membership, CaseKind, ActionTableOperation, Decision];
const rows: Row[] = ROLES.flatMap((role) =>
  (["member", "non-member"] as const).flatMap((m) =>
    (["restricted", "open"] as const).flatMap((k) => ACTION_TABLE_OPERATIONS.map((op): Row => [role, m, k, op, expectedActionAccess[role][m][k][op]])),
  ),
);

describe("action policy", () => {
  it("has a row for every cell", () => expect(rows).toHaveLength(4 * 2 * 2 * ACTION_TABLE_OPERATIONS.length));

  it.each(rows)("%s %s on %s case: %s → %s", (role, membership, kind, op, decision) => {
    const actor: Actor = { id: "u1", email: "u@x", name: "U", role };
    const [policyOp, isProposer] = POLICY_OP[op];
    expect(decideAction(actor, { restricted: kind === "restricted", isMember: membership === "member", isProposer }, policyOp)).toBe(decision);
  });
});
