// Permissions as a typed table mapped to roles. lib/ checks them on every call; the UI mirrors
// them only to hide what cannot be used.
import type { Role } from "@/lib/access/actor";

export type Permission =
  | "case:create"
  | "case:read:any" // read every non-restricted case
  | "case:write:any" // edit/transition any case the user can see
  | "case:write:member" // edit/transition cases the user is a member of
  | "case:reopen"
  | "case:assign" // set lead and members
  | "case:restricted:all" // see restricted cases without membership
  | "note:write:member"
  | "note:write:any"
  | "evidence:remove"
  | "audit:read" // the whole hash-chained trail (events of restricted cases one may not see come redacted)
  | "audit:read:cases" // the trail of the cases one can see, without the chain's sequence numbers
  | "users:manage"
  | "tokens:own"
  | "account:read" // the account registry (cases, sightings and links still follow case visibility)
  | "account:write" // create, edit, import accounts; attach them to cases; link and decide links
  | "action:propose" // propose revocations and refer reviews on cases the user may change; move reviews
  | "action:approve" // approve or reject a revocation (never one's own proposal)
  | "action:execute" // execute, verify or reverse an approved revocation
  | "action:keep-unrestricted"; // refer a review while recording why its case stays unrestricted

const table: Record<Role, readonly Permission[]> = {
  ADMIN: [
    "case:create",
    "case:read:any",
    "case:write:any",
    "case:reopen",
    "case:assign",
    "case:restricted:all",
    "note:write:any",
    "evidence:remove",
    "audit:read",
    "audit:read:cases",
    "users:manage",
    "tokens:own",
    "account:read",
    "account:write",
    "action:propose",
    "action:approve",
    "action:execute",
    "action:keep-unrestricted",
  ],
  MANAGER: [
    "case:create",
    "case:read:any",
    "case:write:any",
    "case:reopen",
    "case:assign",
    "note:write:any",
    "audit:read:cases",
    "tokens:own",
    "account:read",
    "account:write",
    "action:propose",
    "action:approve",
    "action:execute",
  ],
  INVESTIGATOR: [
    "case:create",
    "case:read:any",
    "case:write:member",
    "note:write:member",
    "audit:read:cases",
    "tokens:own",
    "account:read",
    "account:write",
    "action:propose",
  ],
  AUDITOR: ["case:read:any", "audit:read", "audit:read:cases", "tokens:own", "account:read"],
};

export function can(role: Role, permission: Permission): boolean {
  return table[role].includes(permission);
}
