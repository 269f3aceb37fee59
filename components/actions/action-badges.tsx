import { Badge, type Tone } from "@/components/badge";
import { dueLabel } from "@/components/actions/due-label";
import { statusLabel, typeLabel } from "@/lib/actions/action-status";
import type { ActionType } from "@/lib/generated/sqlite/enums";

const tone: Record<string, Tone> = {
  PROPOSED: "blue",
  APPROVED: "violet",
  EXECUTED: "orange",
  VERIFIED: "emerald",
  REJECTED: "slate",
  REVERSED: "slate",
  DRAFT: "slate",
  REFERRED: "blue",
  UNDER_REVIEW: "violet",
  INFO_REQUESTED: "amber",
  CONCLUDED: "emerald",
};

export function ActionStatusBadge({ status }: { status: string }) {
  const text = statusLabel(status);
  return <Badge tone={tone[status] ?? "slate"}>{text[0].toUpperCase() + text.slice(1)}</Badge>;
}

export function ActionTypeLabel({ type }: { type: ActionType }) {
  return <span>{typeLabel(type)}</span>;
}

/** The relative due date; overdue ones in red with the word "overdue" (not colour alone). */
export function DueBadge({ dueAt, final }: { dueAt: string | null; final: boolean }) {
  const due = dueLabel(dueAt, final);
  if (!due) return <span className="text-slate-500">—</span>;
  return (
    <span title={dueAt ?? undefined} data-overdue={due.overdue || undefined} className={due.overdue ? "font-semibold text-red-700" : "text-slate-700"}>
      {due.text}
    </span>
  );
}
