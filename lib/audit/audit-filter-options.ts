// What the audit page's pick lists offer: the kinds of event and the people who act.
import type { Actor } from "@/lib/access/actor";
import { auditScopeOf } from "@/lib/audit/audit-scope";
import { db } from "@/lib/db/client";

/** Every action the code records, grouped by what it is about, with its label in the pick list. */
export const AUDIT_ACTIONS: readonly { value: string; label: string; chainOnly?: boolean }[] = [
  { value: "case", label: "Any case event" },
  { value: "case.create", label: "Case opened" },
  { value: "case.update", label: "Case edited" },
  { value: "case.transition", label: "Case status changed" },
  { value: "case.assign", label: "Case lead or members changed" },
  { value: "note", label: "Any note event" },
  { value: "note.create", label: "Note added" },
  { value: "note.pin", label: "Note pinned or unpinned" },
  { value: "evidence", label: "Any evidence event" },
  { value: "evidence.upload", label: "Evidence uploaded" },
  { value: "evidence.view", label: "Evidence viewed" },
  { value: "evidence.download", label: "Evidence downloaded" },
  { value: "evidence.verify", label: "Evidence verified" },
  { value: "evidence.edit", label: "Evidence details changed" },
  { value: "evidence.supersede", label: "Evidence superseded" },
  { value: "evidence.remove", label: "Evidence removed" },
  { value: "account", label: "Any account event" },
  { value: "account.attach", label: "Account attached to a case" },
  { value: "account.detach", label: "Account detached from a case" },
  { value: "link", label: "Any account-link event" },
  { value: "action", label: "Any action event" },
  { value: "action.create", label: "Action proposed or drafted" },
  { value: "action.transition", label: "Action moved" },
  { value: "auth", label: "Sign-ins and sign-outs", chainOnly: true },
  { value: "user", label: "User changes", chainOnly: true },
  { value: "token", label: "API token changes", chainOnly: true },
  { value: "settings", label: "Settings changes", chainOnly: true },
];

export const AUDIT_ENTITY_TYPES: readonly { value: string; label: string; chainOnly?: boolean }[] = [
  { value: "Case", label: "Case" },
  { value: "Note", label: "Note" },
  { value: "Evidence", label: "Evidence" },
  { value: "Account", label: "Account" },
  { value: "AccountLink", label: "Account link" },
  { value: "Action", label: "Action" },
  { value: "User", label: "User", chainOnly: true },
  { value: "Session", label: "Session", chainOnly: true },
  { value: "ApiToken", label: "API token", chainOnly: true },
  { value: "Setting", label: "Setting", chainOnly: true },
  { value: "Job", label: "Background job", chainOnly: true },
];

export async function listAuditFilterOptions(actor: Actor) {
  const scope = auditScopeOf(actor);
  const keep = <T extends { chainOnly?: boolean }>(list: readonly T[]) => list.filter((o) => scope !== "cases" || !o.chainOnly).map(({ chainOnly: _c, ...o }) => o);
  const people = await db().user.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, email: true }, take: 500 });
  return { scope, actions: keep(AUDIT_ACTIONS), entityTypes: keep(AUDIT_ENTITY_TYPES), people };
}
