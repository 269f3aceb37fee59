// The GET filter form above the account list: every choice lands in the URL.
import Form from "next/form";
import Link from "next/link";
import { ACCOUNT_LINK_FILTERS, ACCOUNT_SORT_OPTIONS } from "@/components/accounts/account-query";
import { ExtraFilters } from "@/components/extra-filters";
import { ACCOUNT_STATUS_VALUES, ATTRIBUTE_LABELS, ATTRIBUTE_TYPE_VALUES, statusLabel } from "@/components/accounts/account-labels";
import { PAGE_SIZES } from "@/components/cases/case-query";
import { Field } from "@/components/field";
import { buttonClass, inputClass } from "@/components/form-styles";

export function AccountFilters({ params }: { params: Record<string, string> }) {
  return (
    <Form action="/accounts" role="search" aria-label="Filter accounts" className="mb-4 rounded-md border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-6">
        <Field name="q" label="Search accounts" idPrefix="filter" className="col-span-2">
          {(c) => <input {...c} type="search" defaultValue={params.q} placeholder="External id, name, email, organization or attribute value" className={inputClass} />}
        </Field>
        <Field name="status" label="Status" idPrefix="filter">
          {(c) => (
            <select {...c} defaultValue={params.status ?? ""} className={inputClass}>
              <option value="">Any status</option>
              {ACCOUNT_STATUS_VALUES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
              {params.status && !(ACCOUNT_STATUS_VALUES as string[]).includes(params.status) && <option value={params.status}>{params.status}</option>}
            </select>
          )}
        </Field>
        <Field name="organization" label="Organization" idPrefix="filter">
          {(c) => <input {...c} defaultValue={params.organization} className={inputClass} />}
        </Field>
        <Field name="country" label="Country" idPrefix="filter">
          {(c) => <input {...c} defaultValue={params.country} maxLength={2} placeholder="e.g. US" className={inputClass} />}
        </Field>
        <Field name="attributeType" label="Has attribute" idPrefix="filter">
          {(c) => (
            <select {...c} defaultValue={params.attributeType ?? ""} className={inputClass}>
              <option value="">Any</option>
              {ATTRIBUTE_TYPE_VALUES.map((t) => <option key={t} value={t}>{ATTRIBUTE_LABELS[t]}</option>)}
              {params.attributeType && !(ATTRIBUTE_TYPE_VALUES as string[]).includes(params.attributeType) && (
                <option value={params.attributeType}>{params.attributeType}</option>
              )}
            </select>
          )}
        </Field>
        <Field name="riskMin" label="Risk from" idPrefix="filter">
          {(c) => <input {...c} type="number" min={0} max={100} defaultValue={params.riskMin} className={inputClass} />}
        </Field>
        <Field name="riskMax" label="Risk to" idPrefix="filter">
          {(c) => <input {...c} type="number" min={0} max={100} defaultValue={params.riskMax} className={inputClass} />}
        </Field>
        <Field name="sort" label="Sort by" idPrefix="filter">
          {(c) => (
            <select {...c} defaultValue={params.sort ?? "updated"} className={inputClass}>
              {ACCOUNT_SORT_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
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
        <div className="col-span-2 flex items-end gap-2 md:col-span-4 lg:col-span-6">
          <button type="submit" className={buttonClass()}>Apply filters</button>
          <Link href="/accounts" className={buttonClass("ghost")}>Clear filters</Link>
        </div>
      </div>
      <ExtraFilters params={params} labels={ACCOUNT_LINK_FILTERS} />
    </Form>
  );
}
