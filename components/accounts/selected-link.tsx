"use client";
// The link picked in the graph: who it joins, why, how sure, and (for a suggestion) accept or dismiss.
import Link from "next/link";
import type { FormAction } from "@/components/action-state";
import { LinkDecisionForm } from "@/components/accounts/link-decision-form";
import type { GraphEdge, GraphNode, LinkState } from "@/components/accounts/graph-types";
import { buttonClass, linkClass } from "@/components/form-styles";

type Props = {
  edge: GraphEdge;
  source?: GraphNode;
  target?: GraphNode;
  decide?: FormAction;
  onDecided: (id: string, status: LinkState) => void;
  onClose: () => void;
};

export function SelectedLink({ edge, source, target, decide, onDecided, onClose }: Props) {
  const name = (n: GraphNode | undefined, id: string) => (
    <Link href={`/accounts/${encodeURIComponent(id)}`} className={linkClass}>{n?.label ?? id}</Link>
  );
  return (
    <section aria-label="Selected link" className="absolute top-2 right-2 w-80 max-w-[calc(100%-1rem)] space-y-2 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg">
      <div className="flex items-start justify-between gap-2">
        <h3 className="font-medium">{name(source, edge.source)} ↔ {name(target, edge.target)}</h3>
        <button type="button" onClick={onClose} className={buttonClass("ghost", "sm")} aria-label="Close link details">✕</button>
      </div>
      <p>
        <span className="font-medium">{edge.reason}</span> · {Math.round(edge.confidence * 100)}% confidence ·{" "}
        {edge.state.toLowerCase()}
      </p>
      {edge.explanation && <p className="text-slate-600">{edge.explanation}</p>}
      {decide && edge.state === "SUGGESTED" && (
        <LinkDecisionForm
          key={edge.id}
          action={decide}
          linkId={edge.id}
          subject={`${source?.label ?? edge.source} and ${target?.label ?? edge.target}`}
          onDecided={(status) => onDecided(edge.id, status)}
        />
      )}
    </section>
  );
}
