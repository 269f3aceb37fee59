import Form from "next/form";
import Link from "next/link";
import { KIND_OPTIONS } from "@/components/evidence/evidence-kind";
import { Field } from "@/components/field";
import { buttonClass, inputClass } from "@/components/form-styles";

export function EvidenceFilters({ params }: { params: Record<string, string> }) {
  return (
    <Form action="/evidence" role="search" aria-label="Find evidence" className="mb-4 rounded-md border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid gap-3 md:grid-cols-4">
        <Field name="q" label="Title, file name or SHA-256" hint="A hash prefix of 8+ hex digits finds the same file on every case." idPrefix="evidence" className="md:col-span-2">
          {(c) => <input {...c} type="search" defaultValue={params.q} className={inputClass} />}
        </Field>
        <Field name="kind" label="Kind" idPrefix="evidence">
          {(c) => (
            <select {...c} defaultValue={params.kind ?? ""} className={inputClass}>
              <option value="">Any kind</option>
              {KIND_OPTIONS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
            </select>
          )}
        </Field>
        <div className="flex items-start gap-2 pt-6">
          <button type="submit" className={buttonClass()}>Search</button>
          <Link href="/evidence" className={buttonClass("ghost")}>Clear</Link>
        </div>
      </div>
    </Form>
  );
}
