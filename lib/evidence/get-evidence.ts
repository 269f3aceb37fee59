import type { Actor } from "@/lib/auth/actor";
import { requireCase } from "@/lib/cases/case-access";
import { parseInput, ZPageQuery } from "@/lib/validation";
import { db } from "@/lib/db/client";
import { requireEvidence } from "@/lib/evidence/evidence-access";
import { evidenceSelect, toEvidenceView, type CustodyEventView, type EvidenceView } from "@/lib/evidence/evidence-view";

/** Metadata of one item, without its custody. */
export async function getEvidenceMetadata(actor: Actor, evidenceId: string): Promise<EvidenceView> {
  await requireEvidence(db(), actor, evidenceId, "read");
  return toEvidenceView(await db().evidence.findUniqueOrThrow({ where: { id: evidenceId }, select: evidenceSelect }));
}

/** Metadata of one item with its custody timeline (oldest first). */
export async function getEvidence(actor: Actor, evidenceId: string): Promise<EvidenceView & { custody: CustodyEventView[] }> {
  await requireEvidence(db(), actor, evidenceId, "read");
  const row = await db().evidence.findUniqueOrThrow({
    where: { id: evidenceId },
    select: { ...evidenceSelect, custody: { orderBy: [{ at: "asc" }, { id: "asc" }], take: 1000 } },
  });
  const { custody, ...rest } = row;
  return {
    ...toEvidenceView(rest),
    custody: custody.map(toCustodyView),
  };
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

type CustodyRow = { id: string; action: string; at: Date; actorEmail: string | null; ip: string | null; sha256Observed: string | null; ok: boolean | null; detail: string | null };

function toCustodyView(c: CustodyRow): CustodyEventView {
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
