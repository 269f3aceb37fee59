// What case.json holds (schema "lantern-case-file/1", documented in docs/CASE-FILE.md): the case,
// its notes, members, accounts with their attributes, the links among them, actions with their
// histories, evidence metadata with custody events, ingest runs, the status history, and (in
// audit.jsonl, not here) the case's audit events. Read inside the export's transaction, after its
// own audit and custody events, so the file shows the export itself.
// Adding a field is a compatible change (readers ignore unknown fields); renaming or removing one
// bumps CASE_FILE_SCHEMA_VERSION.
import type { Actor } from "@/lib/access/actor";
import { auditScopeOf } from "@/lib/audit/audit-scope";
import type { Tx } from "@/lib/db/client";
import type { CaseDistillation } from "@/lib/distillation/compute-case-distillation";
import { readCaseDistillation } from "@/lib/distillation/distillation-cache";
import { CASE_FILE_FORMAT, CASE_FILE_SCHEMA_VERSION } from "@/lib/export/case-file-format";
import { visibleLinksWhere } from "@/lib/links/link-access";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const user = { select: { id: true, name: true, email: true } } as const;

export type CaseFileData = Awaited<ReturnType<typeof readCaseFileData>> & { findings: CaseFindings | null };

/** The distillation analysis as case.json carries it: the flagged accounts (with the factors
 *  behind each score) and the clusters, over the case's completed ingest runs; null without any. */
export type CaseFindings = Pick<CaseDistillation, "computedAt" | "threshold" | "parameters" | "runs" | "totals" | "clusters"> & {
  flaggedAccounts: CaseDistillation["accounts"];
};

/** The audit fields a case file leaves out when its exporter reads a case's events but not the chain
 *  (MANAGER, INVESTIGATOR; decision 0020): sequence numbers (their gaps reveal hidden work), the
 *  chain's hashes, addresses and request ids. Their files carry no chain checkpoint either. */
export const WITHHELD_AUDIT_FIELDS = ["seq", "prevHash", "hash", "ip", "requestId"] as const;

/** Whether the actor's case files carry the audit chain's fields and checkpoint (ADMIN, AUDITOR). */
export function caseFileCarriesChain(actor: Actor): boolean {
  return auditScopeOf(actor) !== "cases";
}

/** Computed outside the export's transaction (it reads every ingested row of the case). */
export async function readCaseFindings(caseId: string): Promise<CaseFindings | null> {
  const d = await readCaseDistillation(caseId);
  if (d.runs.length === 0) return null;
  return { computedAt: d.computedAt, threshold: d.threshold, parameters: d.parameters, runs: d.runs, totals: d.totals, clusters: d.clusters, flaggedAccounts: d.accounts.filter((a) => a.flagged) };
}

export async function readCaseFileData(tx: Tx, actor: Actor, caseId: string, exportedAt: Date) {
  const c = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    include: { lead: user, createdBy: user, tags: { orderBy: { tag: "asc" } }, members: { include: { user }, orderBy: { addedAt: "asc" } } },
  });
  const notes = await tx.note.findMany({ where: { caseId }, include: { author: user }, orderBy: { createdAt: "asc" } });
  const caseAccounts = await tx.caseAccount.findMany({
    where: { caseId },
    include: { account: { include: { attributes: { orderBy: [{ type: "asc" }, { value: "asc" }] } } } },
    orderBy: { addedAt: "asc" },
  });
  const accountIds = caseAccounts.map((a) => a.accountId);
  const links = accountIds.length
    ? await tx.accountLink.findMany({
        where: { AND: [{ status: { in: ["ACCEPTED", "SUGGESTED"] } }, visibleLinksWhere(actor), { OR: [{ accountAId: { in: accountIds } }, { accountBId: { in: accountIds } }] }] },
        include: { evidence: { select: { evidenceId: true }, orderBy: { evidenceId: "asc" } } },
        orderBy: { createdAt: "asc" },
      })
    : [];
  const actions = await tx.action.findMany({
    where: { caseId },
    include: {
      proposedBy: user,
      approvedBy: user,
      executedBy: user,
      targets: { orderBy: { value: "asc" } },
      evidence: { select: { evidenceId: true }, orderBy: { evidenceId: "asc" } },
      events: { include: { actor: user }, orderBy: { at: "asc" } },
    },
    orderBy: { createdAt: "asc" },
  });
  const evidence = await tx.evidence.findMany({
    where: { caseId },
    include: { uploadedBy: user, custody: { orderBy: { at: "asc" } } },
    orderBy: { createdAt: "asc" },
  });
  const ingestRuns = await tx.ingestRun.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } });
  const transitions = await tx.auditEvent.findMany({ where: { caseId, entityType: "Case", action: { in: ["case.create", "case.transition"] } }, orderBy: { seq: "asc" } });
  const chain = caseFileCarriesChain(actor);

  return {
    format: CASE_FILE_FORMAT,
    schemaVersion: CASE_FILE_SCHEMA_VERSION,
    exportedAt: exportedAt.toISOString(),
    exportedBy: { id: actor.id, email: actor.email },
    // What audit.jsonl (and statusHistory's auditSeq) hold: the chain's fields only for exporters who
    // may read the chain; the manifest and its signature cover the file either way.
    auditEvents: { withChainFields: chain, withheldFields: chain ? [] : [...WITHHELD_AUDIT_FIELDS] },
    case: {
      id: c.id,
      number: c.number,
      title: c.title,
      summary: c.summary,
      status: c.status,
      severity: c.severity,
      restricted: c.restricted,
      resolution: c.resolution,
      tags: c.tags.map((t) => t.tag),
      lead: c.lead,
      createdBy: c.createdBy,
      dueAt: iso(c.dueAt),
      closedAt: iso(c.closedAt),
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
      version: c.version,
    },
    statusHistory: transitions.map((e) => {
      const changes = JSON.parse(e.changes) as { status?: { before?: string; after?: string }; reason?: { after?: string }; resolution?: { after?: string } };
      return {
        at: e.at.toISOString(),
        by: e.actorEmail,
        from: e.action === "case.create" ? null : (changes.status?.before ?? null),
        to: e.action === "case.create" ? "OPEN" : (changes.status?.after ?? null),
        reason: changes.reason?.after ?? null,
        resolution: changes.resolution?.after ?? null,
        auditSeq: chain ? e.seq : null,
      };
    }),
    members: c.members.map((m) => ({ ...m.user, addedAt: iso(m.addedAt) })),
    notes: notes.map((n) => ({ id: n.id, author: n.author, body: n.body, pinned: n.pinned, createdAt: iso(n.createdAt), updatedAt: iso(n.updatedAt) })),
    accounts: caseAccounts.map(({ account: a, ...ca }) => ({
      id: a.id,
      externalId: a.externalId,
      displayName: a.displayName,
      emails: a.emails ? a.emails.split("\n") : [],
      organization: a.organization,
      country: a.country,
      providerCreatedAt: iso(a.providerCreatedAt),
      status: a.status,
      riskScore: a.riskScore,
      attributes: a.attributes.map((x) => ({ type: x.type, value: x.value })),
      role: ca.role,
      addedAt: iso(ca.addedAt),
      addedById: ca.addedById,
    })),
    links: links.map((l) => ({
      id: l.id,
      accountIds: [l.accountAId, l.accountBId],
      source: l.source,
      status: l.status,
      reason: l.reason,
      confidence: l.confidence,
      explanation: l.explanation,
      sharedAttributes: JSON.parse(l.sharedAttributes) as unknown,
      evidenceIds: l.evidence.map((e) => e.evidenceId),
      createdById: l.createdById,
      decidedById: l.decidedById,
      decidedAt: iso(l.decidedAt),
      createdAt: iso(l.createdAt),
    })),
    actions: actions.map((a) => ({
      id: a.id,
      type: a.type,
      status: a.status,
      open: a.open,
      proposedBy: a.proposedBy,
      approvedBy: a.approvedBy,
      executedBy: a.executedBy,
      approvedAt: iso(a.approvedAt),
      executedAt: iso(a.executedAt),
      dueAt: iso(a.dueAt),
      justification: a.justification,
      scope: a.scope,
      externalReference: a.externalReference,
      reason: a.reason,
      referralBody: a.referralBody,
      referenceNumber: a.referenceNumber,
      classification: a.classification,
      notes: a.notes,
      outcome: a.outcome,
      targets: a.targets.map((t) => ({ kind: t.kind, value: t.value, accountId: t.accountId, previousStatus: t.previousStatus })),
      evidenceIds: a.evidence.map((e) => e.evidenceId),
      history: a.events.map((e) => ({ at: iso(e.at), actor: e.actor, from: e.fromStatus, to: e.toStatus, comment: e.comment })),
      createdAt: iso(a.createdAt),
      updatedAt: iso(a.updatedAt),
    })),
    evidence: evidence.map((e) => ({
      id: e.id,
      kind: e.kind,
      title: e.title,
      description: e.description,
      source: e.source,
      collectedAt: iso(e.collectedAt),
      originalFilename: e.originalFilename,
      declaredMediaType: e.declaredMediaType,
      sniffedMediaType: e.sniffedMediaType,
      sizeBytes: Number(e.sizeBytes),
      sha256: e.sha256,
      uploadedBy: e.uploadedBy,
      createdAt: iso(e.createdAt),
      supersedesId: e.supersedesId,
      lastVerifiedAt: iso(e.lastVerifiedAt),
      lastVerifyOk: e.lastVerifyOk,
      removedAt: iso(e.removedAt),
      removalReason: e.removalReason,
      /** The file's path inside the case file; null for removed evidence (metadata only). */
      file: e.removedAt ? null : evidencePath(e.id, e.originalFilename),
      custody: e.custody.map((k) => ({ at: iso(k.at), action: k.action, actorId: k.actorId, actorEmail: k.actorEmail, ip: k.ip, sha256Observed: k.sha256Observed, ok: k.ok, detail: k.detail })),
    })),
    ingestRuns: ingestRuns.map((r) => ({
      id: r.id,
      evidenceId: r.evidenceId,
      state: r.state,
      format: r.format,
      compressed: r.compressed,
      bytesTotal: Number(r.bytesTotal),
      bytesDone: Number(r.bytesDone),
      linesTotal: r.linesTotal,
      linesOk: r.linesOk,
      linesFailed: r.linesFailed,
      error: r.error,
      createdById: r.createdById,
      createdAt: iso(r.createdAt),
      startedAt: iso(r.startedAt),
      finishedAt: iso(r.finishedAt),
      replacedAt: iso(r.replacedAt),
    })),
  };
}

/** evidence/<id>-<name>: the id keeps names unique; the name is reduced to safe characters. */
export function evidencePath(id: string, originalFilename: string): string {
  const base = originalFilename.split(/[\\/]/).pop() ?? "";
  const safe = base.normalize("NFC").replace(/[^\p{L}\p{N}._ -]+/gu, "_").replace(/^[. ]+/, "").slice(0, 120) || "file";
  return `evidence/${id}-${safe}`;
}
