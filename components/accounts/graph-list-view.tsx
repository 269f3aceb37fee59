"use client";
// The link graph as lists, for keyboards and screen readers (and for graphs too big to read):
// the accounts with links to their pages, and the links with accept/dismiss on suggestions.
import Link from "next/link";
import { memo } from "react";
import type { FormAction } from "@/components/action-state";
import { LinkDecisionForm } from "@/components/accounts/link-decision-form";
import type { GraphEdge, GraphNode, LinkState } from "@/components/accounts/graph-types";
import { linkClass } from "@/components/form-styles";

const LIST_LIMIT = 200;

type Props = {
  nodes: GraphNode[];
  edges: GraphEdge[];
  localStates: Record<string, LinkState>;
  decide?: FormAction;
  onDecided: (id: string, status: LinkState) => void;
};

// Memoized: the graph re-renders on every keystroke of its search box; this list need not.
export const GraphListView = memo(function GraphListView({ nodes, edges, localStates, decide, onDecided }: Props) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const stateOf = (e: GraphEdge) => localStates[e.id] ?? e.state;
  // Suggestions first: they are what needs a decision.
  const shown = [...edges].sort((a, b) => Number(stateOf(b) === "SUGGESTED") - Number(stateOf(a) === "SUGGESTED")).slice(0, LIST_LIMIT);
  const more = (total: number) => total > LIST_LIMIT && <li className="text-slate-500">…and {total - LIST_LIMIT} more</li>;
  return (
    <details className="border-t border-slate-200 px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium text-slate-700">List view ({nodes.length} accounts, {edges.length} links)</summary>
      <div className="mt-2 grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">Accounts</h3>
          <ul aria-label="Accounts in the graph" className="space-y-0.5">
            {nodes.slice(0, LIST_LIMIT).map((n) => (
              <li key={n.id}>
                <Link href={`/accounts/${encodeURIComponent(n.id)}`} className={linkClass}>{n.label}</Link>
                <span className="text-xs text-slate-500"> · {n.status.toLowerCase()} · risk {n.risk}</span>
              </li>
            ))}
            {more(nodes.length)}
          </ul>
        </div>
        <div>
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">Links</h3>
          <ul aria-label="Links in the graph" className="space-y-2">
            {shown.map((e) => {
              const subject = `${byId.get(e.source)?.label ?? e.source} and ${byId.get(e.target)?.label ?? e.target}`;
              const state = stateOf(e);
              return (
                <li key={e.id} aria-label={`${state.toLowerCase()} link between ${subject}`}>
                  <p>
                    {subject}: <span className="font-medium">{e.reason}</span>{" "}
                    <span className="text-xs text-slate-500">({state.toLowerCase()}, {Math.round(e.confidence * 100)}%)</span>
                  </p>
                  {e.explanation && <p className="text-xs text-slate-600">{e.explanation}</p>}
                  {decide && state === "SUGGESTED" && (
                    <LinkDecisionForm action={decide} linkId={e.id} subject={subject} onDecided={(s) => onDecided(e.id, s)} />
                  )}
                </li>
              );
            })}
            {more(edges.length)}
          </ul>
        </div>
      </div>
    </details>
  );
});
