import Form from "next/form";
import Link from "next/link";
import { Field } from "@/components/field";
import { buttonClass, inputClass } from "@/components/form-styles";

type Option = { value: string; label: string };
type Options = { actions: Option[]; entityTypes: Option[]; people: { id: string; name: string; email: string }[] };

export function AuditFilters({ params, options }: { params: Record<string, string>; options: Options }) {
  // An actor given by email in the URL (or the API's style) is matched to the person in the list.
  const actorValue = options.people.find((p) => p.id === params.actor || p.email === params.actor?.toLowerCase())?.id ?? params.actor ?? "";
  return (
    <Form action="/audit" role="search" aria-label="Filter audit events" className="mb-4 rounded-md border border-slate-200 bg-white p-4 shadow-sm">
      {/* Filters the form does not show (e.g. a case from a link) are kept while refining. */}
      {params.caseId && <input type="hidden" name="caseId" value={params.caseId} />}
      {params.entityId && <input type="hidden" name="entityId" value={params.entityId} />}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 md:grid-cols-3 lg:grid-cols-6">
        <Field name="actor" label="Person" idPrefix="audit">
          {(c) => (
            <select {...c} defaultValue={actorValue} className={inputClass}>
              <option value="">Anyone</option>
              {options.people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              {actorValue && !options.people.some((p) => p.id === actorValue) && <option value={actorValue}>{actorValue}</option>}
            </select>
          )}
        </Field>
        <Field name="action" label="Event" idPrefix="audit">
          {(c) => (
            <select {...c} defaultValue={params.action ?? ""} className={inputClass}>
              <option value="">Any event</option>
              {options.actions.map((a) => <option key={a.value} value={a.value}>{a.label}</option>)}
              {params.action && !options.actions.some((a) => a.value === params.action) && <option value={params.action}>{params.action}</option>}
            </select>
          )}
        </Field>
        <Field name="entityType" label="About" idPrefix="audit">
          {(c) => (
            <select {...c} defaultValue={params.entityType ?? ""} className={inputClass}>
              <option value="">Anything</option>
              {options.entityTypes.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
              {params.entityType && !options.entityTypes.some((t) => t.value === params.entityType) && <option value={params.entityType}>{params.entityType}</option>}
            </select>
          )}
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
    </Form>
  );
}
