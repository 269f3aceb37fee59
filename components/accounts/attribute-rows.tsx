"use client";
// The attributes of an account as editable rows: a type and a value each, added and removed in
// place. Posted as repeated attrType/attrValue fields; the server action pairs them up.
import { useId, useRef, useState } from "react";
import { ATTRIBUTE_LABELS, ATTRIBUTE_TYPE_VALUES } from "@/components/accounts/account-labels";
import { FieldError } from "@/components/field-error";
import { buttonClass, inputClass } from "@/components/form-styles";

export type AttributeRow = { type: string; value: string };

type Props = {
  initial: AttributeRow[];
  /** Errors by row index (from "attributes.N" field errors), and for the list as a whole. */
  rowErrors: Record<number, string[]>;
  listErrors?: string[];
};

export function AttributeRows({ initial, rowErrors, listErrors }: Props) {
  const id = useId();
  const nextKey = useRef(initial.length);
  const [rows, setRows] = useState(() => initial.map((r, i) => ({ ...r, key: i })));
  const lastValue = useRef<HTMLInputElement>(null);
  function add() {
    setRows((all) => [...all, { type: all.at(-1)?.type ?? "IP", value: "", key: nextKey.current++ }]);
    requestAnimationFrame(() => lastValue.current?.focus());
  }
  return (
    <fieldset className="space-y-2" aria-describedby={listErrors?.length ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">Attributes</legend>
      <p className="text-xs text-slate-500">
        IP addresses, API key ids, payment fingerprints, device ids, email domains and user agents. Shared values
        suggest links to other accounts.
      </p>
      {rows.length === 0 && <p className="text-sm text-slate-500">No attributes.</p>}
      <ul className="space-y-2" aria-label="Attributes">
        {rows.map((row, i) => {
          const errors = rowErrors[i];
          const rowId = `${id}-${row.key}`;
          return (
            <li key={row.key} className="flex flex-wrap items-start gap-2">
              <div className="w-48">
                <label htmlFor={`${rowId}-type`} className="sr-only">Type of attribute {i + 1}</label>
                <select id={`${rowId}-type`} name="attrType" defaultValue={row.type} className={inputClass}>
                  {ATTRIBUTE_TYPE_VALUES.map((t) => <option key={t} value={t}>{ATTRIBUTE_LABELS[t]}</option>)}
                </select>
              </div>
              <div className="min-w-48 flex-1">
                <label htmlFor={`${rowId}-value`} className="sr-only">Value of attribute {i + 1}</label>
                <input
                  id={`${rowId}-value`}
                  name="attrValue"
                  ref={i === rows.length - 1 ? lastValue : undefined}
                  defaultValue={row.value}
                  maxLength={500}
                  aria-invalid={errors?.length ? true : undefined}
                  aria-describedby={errors?.length ? `${rowId}-error` : undefined}
                  className={`${inputClass} font-mono`}
                />
                <FieldError id={`${rowId}-error`} errors={errors} />
              </div>
              <button type="button" className={`${buttonClass("ghost", "sm")} mt-1.5`} onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
                Remove<span className="sr-only"> attribute {i + 1}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className={buttonClass("secondary", "sm")} onClick={add}>Add attribute</button>
      <FieldError id={`${id}-error`} errors={listErrors} />
    </fieldset>
  );
}
