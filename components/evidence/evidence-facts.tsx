// The recorded facts of an evidence item: hash, size, types, people and times, related versions.
import Link from "next/link";
import type { ReactNode } from "react";
import { kindLabel } from "@/components/evidence/evidence-kind";
import { linkClass } from "@/components/form-styles";
import { formatBytes, formatDateTime } from "@/components/format";
import { Panel } from "@/components/panel";
import type { EvidenceView } from "@/lib/evidence/evidence-view";

export function EvidenceFacts({ e }: { e: EvidenceView }) {
  const rows: [string, ReactNode][] = [
    ["SHA-256", <span key="h" className="break-all font-mono text-xs" data-testid="evidence-sha256">{e.sha256}</span>],
    ["Size", `${formatBytes(e.sizeBytes)} (${e.sizeBytes.toLocaleString("en-US")} bytes)`],
    ["Kind", kindLabel(e.kind)],
    ["File name", <span key="f" className="break-all font-mono text-xs">{e.originalFilename}</span>],
    ["Content type", e.mediaTypeMismatch ? <span key="t" className="text-orange-800">{e.mediaType} (declared {e.declaredMediaType})</span> : e.mediaType],
    ["Source", e.source || "—"],
    ["Collected", formatDateTime(e.collectedAt)],
    ["Uploaded", <>{formatDateTime(e.createdAt)}<br />by {e.uploadedBy.name}</>],
    ["Last verified", e.lastVerifiedAt ? formatDateTime(e.lastVerifiedAt) : "Never"],
  ];
  if (e.supersedesId) rows.push(["Replaces", <Link key="s" href={`/evidence/${e.supersedesId}`} className={linkClass}>the earlier version</Link>]);
  if (e.supersededById) rows.push(["Replaced by", <Link key="r" href={`/evidence/${e.supersededById}`} className={linkClass}>the current version</Link>]);
  return (
    <Panel title="Details" id="evidence-details">
      <dl className="space-y-2 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="grid grid-cols-3 gap-2">
            <dt className="text-slate-500">{term}</dt>
            <dd className="col-span-2">{value}</dd>
          </div>
        ))}
      </dl>
      {e.description && <p className="mt-3 whitespace-pre-wrap border-t border-slate-100 pt-3 text-sm">{e.description}</p>}
    </Panel>
  );
}
