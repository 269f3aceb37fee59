import type { Actor } from "@/lib/auth/actor";
import { requireCase } from "@/lib/cases/case-access";
import { parseInput, ZPageQuery } from "@/lib/validation";
import { db } from "@/lib/db/client";
import { requireEvidence } from "@/lib/evidence/evidence-access";
import { evidenceSelect, toEvidenceView, type CustodyEventView, type EvidenceView } from "@/lib/evidence/evidence-view";

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
    custody: custody.map((c) => ({
      id: c.id,
      action: c.action,
      at: c.at.toISOString(),
      actorEmail: c.actorEmail,
      ip: c.ip,
      sha256Observed: c.sha256Observed,
      ok: c.ok,
      detail: c.detail,
    })),
  };
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
