import Link from "next/link";
import { Badge, SeverityBadge, StatusBadge } from "@/components/badge";
import { buttonClass } from "@/components/form-styles";
import type { CaseDetail } from "@/lib/cases/case-view";

export function CaseHeader({ c, canEdit }: { c: CaseDetail; canEdit: boolean }) {
  return (
    <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div>
        <p className="font-mono text-sm text-slate-500">
          <Link href="/cases" className="hover:underline">Cases</Link> / {c.number}
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{c.title}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <StatusBadge status={c.status} />
          <SeverityBadge severity={c.severity} />
          {c.restricted && (
            <Badge tone="red" title="Visible only to members of this case and admins">
              <span aria-hidden="true">🔒&nbsp;</span>Restricted
            </Badge>
          )}
        </div>
      </div>
      {canEdit && (
        <Link href={`/cases/${c.number}/edit`} className={buttonClass("secondary")}>
          Edit
        </Link>
      )}
    </header>
  );
}
