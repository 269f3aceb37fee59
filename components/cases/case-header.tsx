import Link from "next/link";
import { Badge, SeverityBadge, StatusBadge } from "@/components/badge";
import { buttonClass } from "@/components/form-styles";
import { StixExportForm } from "@/components/cases/stix-export-form";
import type { CaseDetail } from "@/lib/cases/case-view";

export function CaseHeader({ c, canEdit }: { c: CaseDetail; canEdit: boolean }) {
  return (
    <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0 max-w-full">
        <p className="font-mono text-sm text-slate-500">
          <Link href="/cases" className="hover:underline">Cases</Link> / {c.number}
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]">{c.title}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <StatusBadge status={c.status} />
          <SeverityBadge severity={c.severity} />
          {c.restricted && (
            <Badge tone="red" title="Visible only to members of this case and admins">
              <svg aria-hidden="true" viewBox="0 0 16 16" className="mr-1 h-3 w-3 fill-current">
                <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1Zm2 0h4V5a2 2 0 1 0-4 0v2Z" />
              </svg>
              Restricted
            </Badge>
          )}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {/* A plain download: the ZIP streams from the API (lib/export, decision 0024). */}
        <a href={`/api/v1/cases/${c.id}/export`} download className={buttonClass("secondary")} title="A signed ZIP of the case, its evidence, audit events and a PDF report">
          Export case file
        </a>
        <StixExportForm caseId={c.id} restricted={c.restricted} />
        <Link href="/case-files/verify" className="text-sm text-blue-700 hover:underline">
          Verify a case file
        </Link>
        {canEdit && (
          <Link href={`/cases/${c.number}/edit`} className={buttonClass("secondary")}>
            Edit
          </Link>
        )}
      </div>
    </header>
  );
}
