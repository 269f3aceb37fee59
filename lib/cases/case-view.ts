// What the UI and the API see of a case: plain objects, never Prisma rows.
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { CaseStatus, Resolution, Severity } from "@/lib/generated/sqlite/enums";

export type UserRef = { id: string; name: string; email: string };

export type CaseSummary = {
  id: string;
  number: string;
  title: string;
  status: CaseStatus;
  severity: Severity;
  restricted: boolean;
  tags: string[];
  lead: UserRef | null;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CaseDetail = CaseSummary & {
  summary: string;
  resolution: Resolution | null;
  closedAt: string | null;
  version: number;
  members: UserRef[];
  createdBy: UserRef;
};

const userRef = { select: { id: true, name: true, email: true } } as const;

export const caseSummarySelect = {
  id: true,
  number: true,
  title: true,
  status: true,
  severity: true,
  restricted: true,
  dueAt: true,
  createdAt: true,
  updatedAt: true,
  tags: { select: { tag: true }, orderBy: { tag: "asc" } },
  lead: userRef,
} as const;

export const caseDetailSelect = {
  ...caseSummarySelect,
  summary: true,
  resolution: true,
  closedAt: true,
  version: true,
  createdBy: userRef,
  members: { select: { user: userRef }, orderBy: { addedAt: "asc" } },
} as const;

// Rows as Prisma returns them for those selects, so the types cannot drift from the selects.
type SummaryRow = Prisma.CaseGetPayload<{ select: typeof caseSummarySelect }>;
type DetailRow = Prisma.CaseGetPayload<{ select: typeof caseDetailSelect }>;

export function toCaseSummary(r: SummaryRow): CaseSummary {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    status: r.status,
    severity: r.severity,
    restricted: r.restricted,
    tags: r.tags.map((t) => t.tag),
    lead: r.lead,
    dueAt: r.dueAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toCaseDetail(r: DetailRow): CaseDetail {
  return {
    ...toCaseSummary(r),
    summary: r.summary,
    resolution: r.resolution,
    closedAt: r.closedAt?.toISOString() ?? null,
    version: r.version,
    createdBy: r.createdBy,
    members: r.members.map((m) => m.user),
  };
}
