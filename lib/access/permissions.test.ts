// Every role × every permission, written from the product brief's roles: an ADMIN does everything a
// MANAGER does plus users, the audit trail and restricted cases; an INVESTIGATOR works the cases
// they are a member of and the account registry; an AUDITOR only reads. A permission granted or dropped by mistake fails here.
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/access/actor";
import { can, type Permission } from "@/lib/access/permissions";

// A Record over Permission: the type checker refuses this table if a permission is missing.
const HOLDERS: Record<Permission, readonly Role[]> = {
  "case:create": ["ADMIN", "MANAGER", "INVESTIGATOR"],
  "case:read:any": ["ADMIN", "MANAGER", "INVESTIGATOR", "AUDITOR"],
  "case:write:any": ["ADMIN", "MANAGER"],
  "case:write:member": ["INVESTIGATOR"],
  "case:reopen": ["ADMIN", "MANAGER"],
  "case:assign": ["ADMIN", "MANAGER"],
  "case:restricted:all": ["ADMIN"],
  "note:write:member": ["INVESTIGATOR"],
  "note:write:any": ["ADMIN", "MANAGER"],
  "evidence:remove": ["ADMIN"],
  "audit:read": ["ADMIN", "AUDITOR"],
  "audit:read:cases": ["ADMIN", "MANAGER", "INVESTIGATOR", "AUDITOR"],
  "users:manage": ["ADMIN"],
  "tokens:own": ["ADMIN", "MANAGER", "INVESTIGATOR", "AUDITOR"],
  "account:read": ["ADMIN", "MANAGER", "INVESTIGATOR", "AUDITOR"],
  "account:write": ["ADMIN", "MANAGER", "INVESTIGATOR"],
  "action:propose": ["ADMIN", "MANAGER", "INVESTIGATOR"],
  "action:approve": ["ADMIN", "MANAGER"],
  "action:execute": ["ADMIN", "MANAGER"],
  "action:keep-unrestricted": ["ADMIN"],
};

const cells = ROLES.flatMap((role) =>
  (Object.keys(HOLDERS) as Permission[]).map((p): [Role, Permission, boolean] => [role, p, HOLDERS[p].includes(role)]),
);

describe("permissions", () => {
  it.each(cells)("%s has %s: %s", (role, permission, granted) => {
    expect(can(role, permission)).toBe(granted);
  });

  it("gives only ADMIN restricted cases, users and evidence removal", () => {
    const adminOnly: Permission[] = ["case:restricted:all", "users:manage", "evidence:remove"];
    for (const p of adminOnly) expect(ROLES.filter((r) => can(r, p))).toEqual(["ADMIN"]);
  });

  it("lets an AUDITOR write nothing", () => {
    const reads: Permission[] = ["case:read:any", "audit:read", "audit:read:cases", "tokens:own", "account:read"];
    const writes = (Object.keys(HOLDERS) as Permission[]).filter((p) => !reads.includes(p));
    expect(writes.filter((p) => can("AUDITOR", p))).toEqual([]);
  });

  it("refuses a permission no role is given", () => {
    expect(ROLES.some((r) => can(r, "case:delete" as Permission))).toBe(false);
  });
});
