// A labelled form control with its hint and inline error, wired with aria-invalid / aria-describedby.
import type { ReactNode } from "react";
import { FieldError } from "@/components/field-error";
import { checkboxClass } from "@/components/form-styles";

export type ControlProps = {
  id: string;
  name: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

type Props = {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
  /** Keeps ids unique when the same form appears more than once on a page. */
  idPrefix?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

function controlProps(id: string, name: string, errors?: string[], hint?: string): ControlProps {
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, name, "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy || undefined };
}

export function Field({ name, label, errors, hint, idPrefix = "field", className, children }: Props) {
  const id = `${idPrefix}-${name}`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children(controlProps(id, name, errors, hint))}
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

type CheckboxProps = Omit<Props, "children"> & { defaultChecked?: boolean };

export function CheckboxField({ name, label, errors, hint, idPrefix = "field", className, defaultChecked }: CheckboxProps) {
  const id = `${idPrefix}-${name}`;
  return (
    <div className={className}>
      <div className="flex items-center gap-2">
        <input type="checkbox" defaultChecked={defaultChecked} className={checkboxClass} {...controlProps(id, name, errors, hint)} />
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {label}
        </label>
      </div>
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}
