// "LAN-2026-0012 and LAN-2026-0031": visible cases as links, joined in plain English.
import Link from "next/link";
import { Fragment } from "react";
import { linkClass } from "@/components/form-styles";
import type { CaseRef } from "@/lib/accounts/account-view";

export function CaseListInline({ cases, limit = 5 }: { cases: CaseRef[]; limit?: number }) {
  const shown = cases.slice(0, limit);
  const rest = cases.length - shown.length;
  const parts = shown.map((c) => (
    <Link key={c.id} href={`/cases/${c.number}`} className={`${linkClass} font-mono text-xs`} title={c.title}>{c.number}</Link>
  ));
  if (rest > 0) parts.push(<span key="rest">{rest} more</span>);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && (i === parts.length - 1 ? " and " : ", ")}
          {p}
        </Fragment>
      ))}
    </>
  );
}
