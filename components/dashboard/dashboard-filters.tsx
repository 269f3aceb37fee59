// The GET filter form above the dashboard: period, severity, tag and lead land in the URL.
import Form from "next/form";
import Link from "next/link";
import { Field } from "@/components/field";
import { buttonClass, inputClass } from "@/components/form-styles";
import { SEVERITIES } from "@/lib/cases/case-schemas";

export const DASHBOARD_QUERY_KEYS = ["from", "to", "severity", "tag", "leadId"] as const;

type Props = { basePath: string; params: Record<string, string>; leads: { id: string; name: string }[] };

export function DashboardFilters({ basePath, params, leads }: Props) {
  return (
    <Form action={basePath} role="search" aria-label="Filter the dashboard" className="mb-4 rounded-md border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
        <Field name="from" label="From" idPrefix="dash">
          {(c) => <input {...c} type="date" defaultValue={params.from?.slice(0, 10)} className={inputClass} />}
        </Field>
        <Field name="to" label="To" idPrefix="dash">
          {(c) => <input {...c} type="date" defaultValue={params.to?.slice(0, 10)} className={inputClass} />}
        </Field>
        <Field name="severity" label="Severity" idPrefix="dash">
          {(c) => (
            <select {...c} defaultValue={params.severity ?? ""} className={inputClass}>
              <option value="">Any severity</option>
              {SEVERITIES.map((s) => <option key={s} value={s}>{s[0] + s.slice(1).toLowerCase()}</option>)}
              {params.severity && !(SEVERITIES as readonly string[]).includes(params.severity) && <option value={params.severity}>{params.severity}</option>}
            </select>
          )}
        </Field>
        <Field name="tag" label="Tag" idPrefix="dash">
          {(c) => <input {...c} defaultValue={params.tag} className={inputClass} />}
        </Field>
        <Field name="leadId" label="Lead" idPrefix="dash">
          {(c) => (
            <select {...c} defaultValue={params.leadId ?? ""} className={inputClass}>
              <option value="">Anyone</option>
              <option value="none">No lead</option>
              {leads.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          )}
        </Field>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass()}>Apply</button>
          <Link href={basePath} className={buttonClass("ghost")}>Clear</Link>
        </div>
      </div>
    </Form>
  );
}
