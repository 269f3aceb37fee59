"use client";
// "Collected at": the same date-time picker on upload and on edit, in the browser's local time.
// A hidden field carries the time as ISO 8601 with its zone, which is what the server takes.
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { inputClass } from "@/components/form-styles";
import { isoToLocal, localToIso } from "@/components/evidence/local-time";

type Props = {
  id: string;
  /** The ISO time to start from (edit), or nothing. */
  initialIso?: string | null;
  /** When given, the field's ISO value is posted under this name (forms); the uploader listens instead. */
  name?: string;
  onChange?: (iso: string) => void;
  errors?: string[];
  /** Controlled mode (the uploader): the local value. */
  value?: string;
  onLocalChange?: (local: string) => void;
};

export function CollectedAtField({ id, initialIso, name, onChange, errors, value, onLocalChange }: Props) {
  const [local, setLocal] = useState(() => isoToLocal(initialIso));
  // Until the picker is touched, the time it started from is posted exactly as it was (the picker
  // shows no milliseconds, and an edit of other details must not change this one).
  const [touched, setTouched] = useState(false);
  const shown = value ?? local;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">Collected at (your local time)</label>
      <input
        id={id}
        type="datetime-local"
        step={1}
        value={shown}
        onChange={(e) => {
          setLocal(e.target.value);
          setTouched(true);
          onLocalChange?.(e.target.value);
          onChange?.(localToIso(e.target.value));
        }}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className={inputClass}
      />
      {name && <input type="hidden" name={name} value={touched ? localToIso(shown) : (initialIso ?? "")} />}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}
