// The editable fields of a case, shared by the "new case" and "edit case" forms.
import { DUE_MAX, DUE_MIN } from "@/components/cases/due-date";
import { CheckboxField, Field } from "@/components/field";
import { inputClass } from "@/components/form-styles";
import { label } from "@/lib/cases/case-status";
import { Severity } from "@/lib/generated/sqlite/enums";

export type CaseFormValues = {
  title: string;
  summary: string;
  severity: string;
  restricted: boolean;
  tags: string;
  dueAt: string;
};

type Props = { values: CaseFormValues; errors: Record<string, string[]>; restrictedHint?: string };

export function CaseFieldsInputs({ values, errors, restrictedHint }: Props) {
  return (
    <>
      <Field name="title" label="Title" errors={errors.title} idPrefix="case">
        {(c) => <input {...c} defaultValue={values.title} required maxLength={200} className={inputClass} />}
      </Field>
      <Field name="summary" label="Summary" errors={errors.summary} idPrefix="case">
        {(c) => <textarea {...c} defaultValue={values.summary} rows={6} className={inputClass} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="severity" label="Severity" errors={errors.severity} idPrefix="case">
          {(c) => (
            <select {...c} defaultValue={values.severity} className={inputClass}>
              {Object.values(Severity).map((s) => <option key={s} value={s}>{label(s)}</option>)}
            </select>
          )}
        </Field>
        <Field name="dueAt" label="Due date" errors={errors.dueAt} idPrefix="case">
          {(c) => <input {...c} type="date" min={DUE_MIN} max={DUE_MAX} defaultValue={values.dueAt} className={inputClass} />}
        </Field>
      </div>
      <Field name="tags" label="Tags" errors={errors.tags} hint="Comma-separated, e.g. api-abuse, reseller" idPrefix="case">
        {(c) => <input {...c} defaultValue={values.tags} className={inputClass} />}
      </Field>
      <CheckboxField
        name="restricted"
        label="Restricted"
        defaultChecked={values.restricted}
        errors={errors.restricted}
        hint={restrictedHint ?? "Only members of the case and admins can see a restricted case."}
        idPrefix="case"
      />
    </>
  );
}
