import type { ReactNode } from "react";
import { label } from "@/lib/cases/case-status";

export type Tone = "slate" | "blue" | "emerald" | "amber" | "orange" | "red" | "violet";

const tones: Record<Tone, string> = {
  slate: "bg-slate-100 text-slate-700 ring-slate-300",
  blue: "bg-blue-50 text-blue-800 ring-blue-200",
  emerald: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  orange: "bg-orange-50 text-orange-800 ring-orange-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  violet: "bg-violet-50 text-violet-800 ring-violet-200",
};

export function Badge({ tone = "slate", children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center whitespace-nowrap rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </span>
  );
}

const statusTone: Record<string, Tone> = { OPEN: "blue", ACTIVE: "emerald", ON_HOLD: "amber", IN_REVIEW: "violet", CLOSED: "slate" };
const severityTone: Record<string, Tone> = { LOW: "slate", MEDIUM: "blue", HIGH: "orange", CRITICAL: "red" };

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone[status] ?? "slate"}>{label(status)}</Badge>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge tone={severityTone[severity] ?? "slate"} title="Severity">{label(severity)}</Badge>;
}
