import Form from "next/form";
import Link from "next/link";
import { ACTION_PREFIXES, ENTITY_TYPES } from "@/components/audit/audit-query";
import { Field } from "@/components/field";
import { buttonClass, inputClass } from "@/components/form-styles";

export function AuditFilters({ params }: { params: Record<string, string> }) {
  return (
    <Form action="/audit" role="search" aria-label="Filter audit events" className="mb-4 rounded-md border border-slate-200 bg-white p-4 shadow-sm">
      {/* Filters the form does not show (e.g. a case from a link) are kept while refining. */}
      {params.caseId && <input type="hidden" name="caseId" value={params.caseId} />}
      {params.entityId && <input type="hidden" name="entityId" value={params.entityId} />}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
        <Field name="actor" label="Actor email" idPrefix="audit">
          {(c) => <input {...c} type="search" defaultValue={params.actor} placeholder="name@example.com" className={inputClass} />}
        </Field>
        <Field name="entityType" label="Entity type" idPrefix="audit">
          {(c) => <input {...c} defaultValue={params.entityType} list="audit-entity-types" className={inputClass} />}
        </Field>
        <Field name="action" label="Action" hint="e.g. case or case.update" idPrefix="audit">
          {(c) => <input {...c} defaultValue={params.action} list="audit-actions" className={inputClass} />}
        </Field>
        <Field name="from" label="From" idPrefix="audit">
          {(c) => <input {...c} type="date" defaultValue={params.from?.slice(0, 10)} className={inputClass} />}
        </Field>
        <Field name="to" label="To" idPrefix="audit">
          {(c) => <input {...c} type="date" defaultValue={params.to?.slice(0, 10)} className={inputClass} />}
        </Field>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass()}>Apply filters</button>
          <Link href="/audit" className={buttonClass("ghost")}>Clear filters</Link>
        </div>
      </div>
      <datalist id="audit-entity-types">{ENTITY_TYPES.map((t) => <option key={t} value={t} />)}</datalist>
      <datalist id="audit-actions">{ACTION_PREFIXES.map((a) => <option key={a} value={a} />)}</datalist>
    </Form>
  );
}
