// What the UI and the API see of an evidence item and its custody.
import type { Prisma } from "@/lib/generated/sqlite/client";
export type CustodyEventView = {
  id: string;
  action: string;
  at: string;
  actorEmail: string | null;
  ip: string | null;
  sha256Observed: string | null;
  ok: boolean | null;
  detail: string | null;
};

export type EvidenceView = {
  id: string;
  caseId: string;
  kind: string;
  title: string;
  description: string;
  source: string;
  collectedAt: string | null;
  originalFilename: string;
  mediaType: string;
  declaredMediaType: string;
  mediaTypeMismatch: boolean;
  sizeBytes: number;
  sha256: string;
  uploadedBy: { id: string; name: string; email: string };
  createdAt: string;
  supersedesId: string | null;
  supersededById: string | null;
  lastVerifiedAt: string | null;
  integrity: "UNVERIFIED" | "OK" | "FAILED";
  removed: boolean;
  /** Bumped by each metadata edit; send it back with an edit to be told of a concurrent one. */
  version: number;
  /** When and why an admin removed it (a tombstone: hash and custody stay). */
  removal: { at: string; reason: string } | null;
};

export const evidenceSelect = {
  id: true,
  caseId: true,
  kind: true,
  title: true,
  description: true,
  source: true,
  collectedAt: true,
  originalFilename: true,
  declaredMediaType: true,
  sniffedMediaType: true,
  sizeBytes: true,
  sha256: true,
  createdAt: true,
  supersedesId: true,
  supersededBy: { select: { id: true } },
  lastVerifiedAt: true,
  lastVerifyOk: true,
  removedAt: true,
  removalReason: true,
  version: true,
  uploadedBy: { select: { id: true, name: true, email: true } },
} as const;

// The row as Prisma returns it for that select, so the two cannot drift apart.
type Row = Prisma.EvidenceGetPayload<{ select: typeof evidenceSelect }>;

const baseType = (t: string) => t.split(";")[0].trim().toLowerCase();

export function toEvidenceView(r: Row): EvidenceView {
  return {
    id: r.id,
    caseId: r.caseId,
    kind: r.kind,
    title: r.title,
    description: r.description,
    source: r.source,
    collectedAt: r.collectedAt?.toISOString() ?? null,
    originalFilename: r.originalFilename,
    mediaType: r.sniffedMediaType,
    declaredMediaType: r.declaredMediaType,
    mediaTypeMismatch: baseType(r.declaredMediaType) !== "application/octet-stream" && baseType(r.declaredMediaType) !== r.sniffedMediaType,
    sizeBytes: Number(r.sizeBytes),
    sha256: r.sha256,
    uploadedBy: r.uploadedBy,
    createdAt: r.createdAt.toISOString(),
    supersedesId: r.supersedesId,
    supersededById: r.supersededBy?.id ?? null,
    lastVerifiedAt: r.lastVerifiedAt?.toISOString() ?? null,
    integrity: r.lastVerifyOk === null ? "UNVERIFIED" : r.lastVerifyOk ? "OK" : "FAILED",
    removed: r.removedAt !== null,
    version: r.version,
    removal: r.removedAt ? { at: r.removedAt.toISOString(), reason: r.removalReason ?? "" } : null,
  };
}
