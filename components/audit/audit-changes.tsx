// The before/after of an audit event as a small table, fields named as the forms label them.
import { fieldLabel } from "@/lib/audit/describe-audit-event";

type Change = { before?: unknown; after?: unknown };

const isChange = (v: unknown): v is Change => !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).every((k) => k === "before" || k === "after");

function show(v: unknown, people: Record<string, string>): string {
  if (v === undefined) return "";
  if (v === null || v === "") return "—";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (Array.isArray(v)) return v.length ? v.map((x) => show(x, people)).join(", ") : "(none)";
  if (typeof v === "string") return people[v] ?? v;
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

export function hasChanges(changes: unknown): boolean {
  return !!changes && typeof changes === "object" && Object.keys(changes).length > 0;
}

export function AuditChanges({ changes, people }: { changes: unknown; people: Record<string, string> }) {
  if (!hasChanges(changes)) return null;
  const rows = Object.entries(changes as Record<string, unknown>).map(([key, v]) => (isChange(v) ? { key, before: v.before, after: v.after } : { key, before: undefined, after: v }));
  return (
    <table className="mt-1 w-full table-fixed text-xs">
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="w-1/4 py-0.5 pr-2 text-left font-medium">Field</th>
          <th scope="col" className="py-0.5 pr-2 text-left font-medium">Before</th>
          <th scope="col" className="py-0.5 text-left font-medium">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="align-top">
            <th scope="row" className="py-0.5 pr-2 text-left font-normal text-slate-600">{fieldLabel(r.key)}</th>
            <td className="break-words py-0.5 pr-2 [overflow-wrap:anywhere]">{show(r.before, people)}</td>
            <td className="break-words py-0.5 [overflow-wrap:anywhere]">{show(r.after, people)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
