// What lib/actions hands out: plain objects, never Prisma rows.
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { ActionStatus, ActionTargetKind, ActionType } from "@/lib/generated/sqlite/enums";
import { isFinal } from "@/lib/actions/action-status";

const userRef = { select: { id: true, name: true, email: true } } as const;

export const actionSummarySelect = {
  id: true,
  type: true,
  status: true,
  open: true,
  dueAt: true,
  justification: true,
  referralBody: true,
  createdAt: true,
  updatedAt: true,
  proposedBy: userRef,
  case: { select: { id: true, number: true, title: true } },
  _count: { select: { targets: true } },
} satisfies Prisma.ActionSelect;

export const actionDetailSelect = {
  ...actionSummarySelect,
  scope: true,
  approvedBy: userRef,
  approvedAt: true,
  executedBy: userRef,
  executedAt: true,
  externalReference: true,
  reason: true,
  referenceNumber: true,
  classification: true,
  notes: true,
  outcome: true,
  keepUnrestrictedReason: true,
  version: true,
  targets: {
    orderBy: { value: "asc" },
    select: {
      kind: true,
      value: true,
      previousStatus: true,
      account: { select: { id: true, externalId: true, displayName: true, status: true } },
    },
  },
  evidence: { select: { evidence: { select: { id: true, title: true } } } },
  events: { orderBy: [{ at: "asc" }, { id: "asc" }], select: { id: true, at: true, fromStatus: true, toStatus: true, comment: true, actor: userRef } },
} satisfies Prisma.ActionSelect;

type UserRef = { id: string; name: string; email: string };

type SummaryRow = {
  id: string;
  type: ActionType;
  status: ActionStatus;
  open: boolean;
  dueAt: Date | null;
  justification: string;
  referralBody: string | null;
  createdAt: Date;
  updatedAt: Date;
  proposedBy: UserRef;
  case: { id: string; number: string; title: string };
  _count: { targets: number };
};

export type ActionSummary = {
  id: string;
  type: ActionType;
  status: ActionStatus;
  final: boolean;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  title: string;
  dueAt: string | null;
  proposedBy: UserRef;
  targetCount: number;
  createdAt: string;
  updatedAt: string;
};

export type ActionEventView = { id: string; at: string; actor: UserRef | null; from: ActionStatus | null; to: ActionStatus; comment: string };

export type ActionDetail = ActionSummary & {
  justification: string;
  scope: string;
  approvedBy: UserRef | null;
  approvedAt: string | null;
  executedBy: UserRef | null;
  executedAt: string | null;
  externalReference: string | null;
  reason: string | null;
  referralBody: string | null;
  referenceNumber: string | null;
  classification: string | null;
  notes: string;
  outcome: string | null;
  keepUnrestrictedReason: string | null;
  version: number;
  targets: {
    kind: ActionTargetKind;
    value: string;
    previousStatus: string | null;
    account: { id: string; externalId: string; displayName: string; status: string } | null;
  }[];
  evidence: { id: string; title: string }[];
  events: ActionEventView[];
  /** The moves the reader may try next (the state machine's, not yet filtered by role). */
  allowedMoves: ActionStatus[];
};

export function toActionSummary(r: SummaryRow): ActionSummary {
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    final: isFinal(r.status),
    caseId: r.case.id,
    caseNumber: r.case.number,
    caseTitle: r.case.title,
    title: r.type === "ACCESS_REVOCATION" ? `Revoke ${r._count.targets} target${r._count.targets === 1 ? "" : "s"}` : `Review by ${r.referralBody ?? ""}`,
    dueAt: r.dueAt?.toISOString() ?? null,
    proposedBy: r.proposedBy,
    targetCount: r._count.targets,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

type DetailRow = SummaryRow & {
  scope: string;
  approvedBy: UserRef | null;
  approvedAt: Date | null;
  executedBy: UserRef | null;
  executedAt: Date | null;
  externalReference: string | null;
  reason: string | null;
  referenceNumber: string | null;
  classification: string | null;
  notes: string;
  outcome: string | null;
  keepUnrestrictedReason: string | null;
  version: number;
  targets: ActionDetail["targets"];
  evidence: { evidence: { id: string; title: string } }[];
  events: { id: string; at: Date; fromStatus: ActionStatus | null; toStatus: ActionStatus; comment: string; actor: UserRef | null }[];
};

export function toActionDetail(r: DetailRow, allowedMoves: readonly ActionStatus[]): ActionDetail {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    ...toActionSummary(r),
    justification: r.justification,
    scope: r.scope,
    approvedBy: r.approvedBy,
    approvedAt: iso(r.approvedAt),
    executedBy: r.executedBy,
    executedAt: iso(r.executedAt),
    externalReference: r.externalReference,
    reason: r.reason,
    referralBody: r.referralBody,
    referenceNumber: r.referenceNumber,
    classification: r.classification,
    notes: r.notes,
    outcome: r.outcome,
    keepUnrestrictedReason: r.keepUnrestrictedReason,
    version: r.version,
    targets: r.targets,
    evidence: r.evidence.map((e) => e.evidence),
    events: r.events.map((e) => ({ id: e.id, at: e.at.toISOString(), actor: e.actor, from: e.fromStatus, to: e.toStatus, comment: e.comment })),
    allowedMoves: [...allowedMoves],
  };
}
