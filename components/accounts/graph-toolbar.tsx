"use client";
// Search, state and reason filters, and zoom controls above the link graph.
import { useId } from "react";
import { buttonClass, checkboxClass, inputClass } from "@/components/form-styles";
import type { LinkState } from "@/components/accounts/graph-types";

export const LINK_STATES: readonly LinkState[] = ["SUGGESTED", "ACCEPTED", "DISMISSED"];
const STATE_LABELS: Record<LinkState, string> = { SUGGESTED: "Suggested", ACCEPTED: "Accepted", DISMISSED: "Dismissed" };

type Props = {
  query: string;
  onQuery: (q: string) => void;
  /** Enter in the search box: focus the first match. */
  onFocusMatch: () => void;
  matchCount: number;
  states: ReadonlySet<LinkState>;
  onToggleState: (s: LinkState) => void;
  reasons: string[];
  reason: string;
  onReason: (r: string) => void;
  onFit: () => void;
  onZoom: (factor: number) => void;
};

export function GraphToolbar(p: Props) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 p-3 text-sm">
      <div className="min-w-48 flex-1">
        <label htmlFor={`${id}-q`} className="block text-xs font-medium text-slate-700">Find an account</label>
        <input
          id={`${id}-q`}
          type="search"
          value={p.query}
          placeholder="External id or name, then Enter"
          onChange={(e) => p.onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              p.onFocusMatch();
            }
          }}
          aria-describedby={`${id}-matches`}
          className={inputClass}
        />
        <p id={`${id}-matches`} aria-live="polite" className="mt-0.5 h-4 text-xs text-slate-500">
          {p.query.trim() ? (p.matchCount === 1 ? "1 match" : `${p.matchCount} matches`) : ""}
        </p>
      </div>
      <fieldset className="pb-5">
        <legend className="text-xs font-medium text-slate-700">Links shown</legend>
        <div className="mt-1 flex gap-3">
          {LINK_STATES.map((s) => (
            <label key={s} className="flex items-center gap-1">
              <input type="checkbox" className={checkboxClass} checked={p.states.has(s)} onChange={() => p.onToggleState(s)} />
              {STATE_LABELS[s]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="pb-5">
        <label htmlFor={`${id}-reason`} className="block text-xs font-medium text-slate-700">Reason</label>
        <select id={`${id}-reason`} value={p.reason} onChange={(e) => p.onReason(e.target.value)} className={inputClass}>
          <option value="">All reasons</option>
          {p.reasons.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </div>
      <div className="flex gap-1 pb-5">
        <button type="button" className={buttonClass("secondary", "sm")} onClick={() => p.onZoom(1.25)} aria-label="Zoom in">+</button>
        <button type="button" className={buttonClass("secondary", "sm")} onClick={() => p.onZoom(0.8)} aria-label="Zoom out">−</button>
        <button type="button" className={buttonClass("secondary", "sm")} onClick={p.onFit}>Fit</button>
      </div>
    </div>
  );
}
