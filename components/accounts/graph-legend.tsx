// What the colours, sizes and line styles of the link graph mean.
import { STATUS_COLORS } from "@/components/accounts/graph-types";

export function GraphLegend({ big, onCase }: { big: boolean; onCase: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
      {Object.entries(STATUS_COLORS).map(([status, color]) => (
        <span key={status} className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full" style={{ backgroundColor: color }} />
          {status[0] + status.slice(1).toLowerCase()}
        </span>
      ))}
      <span>Larger circle = higher risk</span>
      {onCase && (
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full border-2 border-slate-900 bg-slate-300" />
          On this case
        </span>
      )}
      <span className="inline-flex items-center gap-1">
        <span aria-hidden="true" className="inline-block w-6 border-t-2 border-dashed border-blue-600" />
        Suggested
      </span>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden="true" className="inline-block w-6 border-t-2 border-slate-700" />
        Accepted
      </span>
      {big && <span>Large graph: zoom in to read labels; edges hide while you pan.</span>}
    </div>
  );
}
