// The GET filter form above the case list: every choice lands in the URL, so results can be shared.
import Form from "next/form";
import Link from "next/link";
import { Field } from "@/components/field";
import { buttonClass, inputClass } from "@/components/form-styles";
import { CASE_LINK_FILTERS, PAGE_SIZES, SORT_OPTIONS } from "@/components/cases/case-query";
import { ExtraFilters } from "@/components/extra-filters";
import { CASE_STATUSES, SEVERITIES } from "@/lib/cases/case-schemas";
import { label } from "@/lib/cases/case-status";

type Props = { params: Record<string, string>; leads: { id: string; name: string }[] };

/** Options for a select; keeps a current value the list does not know (e.g. "OPEN,ACTIVE") selectable. */
function options(values: readonly string[], current: string | undefined, anyLabel: string) {
  const extra = current && !values.includes(current) ? [current] : [];
  return [
    <option key="" value="">{anyLabel}</option>,
    ...[...values, ...extra].map((v) => <option key={v} value={v}>{v.split(",").map(label).join(", ")}</option>),
  ];
}

export function CaseFilters({ params, leads }: Props) {
  return (
    <Form action="/cases" role="search" aria-label="Filter cases" className="mb-4 rounded-md border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-6">
        <Field name="q" label="Search cases" idPrefix="filter" className="col-span-2">
          {(c) => <input {...c} type="search" defaultValue={params.q} placeholder="Number, title or summary" className={inputClass} />}
        </Field>
        <Field name="status" label="Status" idPrefix="filter">
          {(c) => <select {...c} defaultValue={params.status ?? ""} className={inputClass}>{options(CASE_STATUSES, params.status, "Any status")}</select>}
        </Field>
        <Field name="severity" label="Severity" idPrefix="filter">
          {(c) => <select {...c} defaultValue={params.severity ?? ""} className={inputClass}>{options(SEVERITIES, params.severity, "Any severity")}</select>}
        </Field>
        <Field name="leadId" label="Lead" idPrefix="filter">
          {(c) => (
            <select {...c} defaultValue={params.leadId ?? ""} className={inputClass}>
              <option value="">Anyone</option>
              {leads.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          )}
        </Field>
        <Field name="tag" label="Tag" idPrefix="filter">
          {(c) => <input {...c} defaultValue={params.tag} className={inputClass} />}
        </Field>
        <Field name="restricted" label="Restricted" idPrefix="filter">
          {(c) => (
            <select {...c} defaultValue={params.restricted ?? ""} className={inputClass}>
              <option value="">Any</option>
              <option value="true">Restricted only</option>
              <option value="false">Not restricted</option>
            </select>
          )}
        </Field>
        <Field name="sort" label="Sort by" idPrefix="filter">
          {(c) => (
            <select {...c} defaultValue={params.sort ?? "updated"} className={inputClass}>
              {SORT_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          )}
        </Field>
        <Field name="order" label="Order" idPrefix="filter">
          {(c) => (
            <select {...c} defaultValue={params.order ?? "desc"} className={inputClass}>
              <option value="desc">Descending</option>
              <option value="asc">Ascending</option>
            </select>
          )}
        </Field>
        <Field name="pageSize" label="Per page" idPrefix="filter">
          {(c) => (
            <select {...c} defaultValue={params.pageSize ?? "25"} className={inputClass}>
              {PAGE_SIZES.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          )}
        </Field>
        <div className="col-span-2 flex items-end gap-2 md:col-span-1 lg:col-span-3">
          <button type="submit" className={buttonClass()}>Apply filters</button>
          <Link href="/cases" className={buttonClass("ghost")}>Clear filters</Link>
        </div>
      </div>
      <ExtraFilters params={params} labels={CASE_LINK_FILTERS} />
    </Form>
  );
}
