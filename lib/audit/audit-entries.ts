// Audit rows as readers see them: names, case numbers and one sentence instead of ids, and what the
// reader's scope (audit-scope.ts) leaves out or withholds.
import type { HashedFields } from "@/lib/audit/canonical";
import type { AuditScope } from "@/lib/audit/audit-scope";
import { describeAuditEvent } from "@/lib/audit/describe-audit-event";
import type { Tx } from "@/lib/db/client";

export type AuditEventView = {
  kind: "event";
  /** The chain's sequence number: only for those who read the whole chain (ADMIN, AUDITOR). */
  seq?: number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  caseId: string | null;
  caseNumber: string | null;
  /** The item's own name where there is one (evidence title, account external id). */
  subject: string | null;
  /** One sentence in people's words. */
  summary: string;
  changes: unknown;
  /** Names of the people whose ids appear in the changes (lead, members), by id. */
  people: Record<string, string>;
  requestId?: string | null;
  ip?: string | null;
  hash?: string;
};

/** An event of a restricted case the reader may not see, kept in its place in the chain. */
export type WithheldAuditEvent = { kind: "withheld"; seq: number; at: string; hash: string; summary: string };

export type AuditEntry = AuditEventView | WithheldAuditEvent;

export const WITHHELD_SUMMARY = "Event on a case you cannot see; details withheld";

/** An AuditEvent row as read for the trail: the hashed fields and the event's own hash. */
type Row = Omit<HashedFields, "prevHash"> & { hash: string };

const ids = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];

const PEOPLE_FIELDS = ["leadId", "memberIds", "assigneeId"];

/** User ids named in the changes of people fields (before or after, one id or a list). */
function peopleIn(changes: unknown): string[] {
  if (!changes || typeof changes !== "object") return [];
  const out: string[] = [];
  for (const key of PEOPLE_FIELDS) {
    const c = (changes as Record<string, unknown>)[key];
    if (!c || typeof c !== "object") continue;
    for (const side of [(c as { before?: unknown }).before, (c as { after?: unknown }).after]) {
      for (const v of Array.isArray(side) ? side : [side]) if (typeof v === "string") out.push(v);
    }
  }
  return out;
}

export async function toAuditEntries(tx: Tx, rows: Row[], scope: AuditScope, hidden: ReadonlySet<string>): Promise<AuditEntry[]> {
  const shown = rows.filter((r) => !(r.caseId && hidden.has(r.caseId)));
  const parsed = new Map(shown.map((r) => [r.seq, JSON.parse(r.changes) as unknown]));
  const [users, cases, evidence, accounts] = await Promise.all([
    tx.user.findMany({ where: { id: { in: ids([...shown.map((r) => r.actorId), ...[...parsed.values()].flatMap(peopleIn)]) } }, select: { id: true, name: true } }),
    tx.case.findMany({ where: { id: { in: ids(shown.map((r) => r.caseId)) } }, select: { id: true, number: true } }),
    tx.evidence.findMany({ where: { id: { in: ids(shown.filter((r) => r.entityType === "Evidence").map((r) => r.entityId)) } }, select: { id: true, title: true } }),
    tx.account.findMany({ where: { id: { in: ids(shown.filter((r) => r.entityType === "Account").map((r) => r.entityId)) } }, select: { id: true, externalId: true } }),
  ]);
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const numberOf = new Map(cases.map((c) => [c.id, c.number]));
  const subjectOf = new Map<string, string>([...evidence.map((e) => [e.id, e.title] as const), ...accounts.map((a) => [a.id, a.externalId] as const)]);
  return rows.map((r): AuditEntry => {
    if (r.caseId && hidden.has(r.caseId)) return { kind: "withheld", seq: r.seq, at: r.at.toISOString(), hash: r.hash, summary: WITHHELD_SUMMARY };
    const changes = parsed.get(r.seq);
    const actorName = r.actorId ? (nameOf.get(r.actorId) ?? r.actorEmail) : null;
    const caseNumber = r.caseId ? (numberOf.get(r.caseId) ?? null) : null;
    const subject = r.entityId ? (subjectOf.get(r.entityId) ?? null) : null;
    const view: AuditEventView = {
      kind: "event",
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorEmail: r.actorEmail,
      actorName,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      caseId: r.caseId,
      caseNumber,
      subject,
      summary: describeAuditEvent({ action: r.action, entityType: r.entityType, actorName, caseNumber, subject, changes }),
      changes,
      people: Object.fromEntries(peopleIn(changes).flatMap((id) => (nameOf.has(id) ? [[id, nameOf.get(id)!]] : []))),
    };
    return scope === "cases" ? view : { seq: r.seq, ...view, requestId: r.requestId, ip: r.ip, hash: r.hash };
  });
}
