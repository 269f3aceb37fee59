// Clusters of the case's accounts joined by what they share (addresses, keys, rare clients,
// identical prompts), strongest first.
import Link from "next/link";
import { Badge } from "@/components/badge";
import { formatCount } from "@/components/format";
import { linkClass } from "@/components/form-styles";
import type { DistillationCluster } from "@/lib/distillation/compute-case-distillation";

const JOIN_LABEL: Record<string, string> = { IP: "IP address", API_KEY: "API key", USER_AGENT: "user agent", PROMPTS: "identical prompts" };

export function ClusterList({ clusters, names }: { clusters: DistillationCluster[]; names: Map<string, string> }) {
  if (clusters.length === 0) return <p className="text-sm text-slate-600">No accounts are joined by shared infrastructure or prompts.</p>;
  return (
    <ul className="space-y-3">
      {clusters.map((c) => (
        <li key={c.id} className="rounded-md border border-slate-200 p-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{formatCount(c.size)} accounts</span>
            <span className="text-slate-600">pooled score {c.score}</span>
            {c.flaggedMembers > 0 && <Badge tone="red">{c.flaggedMembers} flagged</Badge>}
          </div>
          <p className="mt-1 break-words text-xs">
            {c.accountIds.slice(0, 20).map((id, i) => (
              <span key={id}>
                {i > 0 && ", "}
                <Link href={`/accounts/${id}`} className={linkClass}>{names.get(id) ?? id}</Link>
              </span>
            ))}
            {c.accountIds.length > 20 && ` and ${formatCount(c.accountIds.length - 20)} more`}
          </p>
          <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
            {c.joins.slice(0, 5).map((j) => (
              <li key={`${j.type}:${j.value}`} className="break-all">
                {JOIN_LABEL[j.type] ?? j.type} <code>{j.value}</code> shared by {formatCount(j.accountIds.length)}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
