import type { Actor } from "@/lib/access/actor";
import { requireCase } from "@/lib/access/case-access";
import { parseInput, ZPageQuery } from "@/lib/validation";
import { db } from "@/lib/db/client";
import type { CustodyEvent } from "@/lib/generated/sqlite/client";
import { requireEvidence } from "@/lib/evidence/evidence-access";
import { evidenceSelect, toEvidenceView, type CustodyEventView, type EvidenceView } from "@/lib/evidence/evidence-view";

/** Metadata of one item, without its custody. */
export async function getEvidenceMetadata(actor: Actor, evidenceId: string): Promise<EvidenceView> {
  await requireEvidence(db(), actor, evidenceId, "read");
  return toEvidenceView(await db().evidence.findUniqueOrThrow({ where: { id: evidenceId }, select: evidenceSelect }));
}

const CUSTODY_INLINE = 1000;

/** Metadata of one item with its custody timeline, oldest first: the first 1,000 events, and
 *  `custodyTotal`, so a longer history is never silently cut short (listCustody pages it all). */
export async function getEvidence(actor: Actor, evidenceId: string): Promise<EvidenceView & { custody: CustodyEventView[]; custodyTotal: number }> {
  await requireEvidence(db(), actor, evidenceId, "read");
  const row = await db().evidence.findUniqueOrThrow({
    where: { id: evidenceId },
    select: { ...evidenceSelect, custody: { orderBy: [{ at: "asc" }, { id: "asc" }], take: CUSTODY_INLINE }, _count: { select: { custody: true } } },
  });
  const { custody, _count, ...rest } = row;
  return { ...toEvidenceView(rest), custody: custody.map(toCustodyView), custodyTotal: _count.custody };
}

/** One page of an item's custody timeline, newest first, so what just happened is on page 1. */
export async function listCustody(actor: Actor, evidenceId: string, query: unknown = {}) {
  const { page, pageSize } = parseInput(ZPageQuery, query);
  await requireEvidence(db(), actor, evidenceId, "read");
  const where = { evidenceId };
  const [rows, total] = await Promise.all([
    db().custodyEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db().custodyEvent.count({ where }),
  ]);
  return { items: rows.map(toCustodyView), total, page, pageSize };
}

function toCustodyView(c: CustodyEvent): CustodyEventView {
  return { id: c.id, action: c.action, at: c.at.toISOString(), actorEmail: c.actorEmail, ip: c.ip, sha256Observed: c.sha256Observed, ok: c.ok, detail: c.detail };
}

export async function listEvidence(actor: Actor, caseIdOrNumber: string, query: unknown = {}) {
  const { page, pageSize } = parseInput(ZPageQuery, query);
  const access = await requireCase(db(), actor, caseIdOrNumber, "read");
  const where = { caseId: access.id };
  const [rows, total] = await Promise.all([
    db().evidence.findMany({ where, select: evidenceSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db().evidence.count({ where }),
  ]);
  return { items: rows.map(toEvidenceView), total, page, pageSize };
}
