// Parsing at the edge: one zod schema per input, shared by forms, server actions and REST routes.
import { z } from "zod";
import { invalidInput, type FieldErrors } from "@/lib/errors";

// In the browser (the uploader checks its form with the same schemas), zod must not probe for eval:
// the page's CSP forbids it, and the probe is reported as a violation even though zod catches it.
// Schema files import this module, so this runs before any schema is built.
if (typeof window !== "undefined") z.config({ jitless: true });

/** Form fields send "" for "not given": these turn it into undefined or null before validation. */
export const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
export const emptyToNull = (v: unknown) => (v === "" ? null : v);

/** A field-error record with no prototype: a field may be named "constructor" or "__proto__". */
const newFieldErrors = (): FieldErrors => Object.create(null) as FieldErrors;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out = newFieldErrors();
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Text fields where line breaks and tabs belong (notes, summaries, descriptions, reasons, and the
 * one-per-line email list of the account form): these may hold \t \n \r. Every other string, in
 * every input, holds no control character at all.
 */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set(["body", "summary", "description", "reason", "notes", "comment", "emails", "justification", "outcome"]);

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const MAX_DEPTH = 32;

/**
 * Control characters (NUL, escape, C1 …) anywhere in an input's strings, as field errors naming
 * the field: they have no place in case data or the audit trail, and they hide text from readers.
 * Checked by parseInput for every schema, so no schema can forget it.
 */
export function controlCharacterErrors(input: unknown): FieldErrors {
  const out = newFieldErrors();
  const visit = (value: unknown, path: string[], depth: number) => {
    if (typeof value === "string") {
      const key = path.filter((p) => !/^\d+$/.test(p)).at(-1) ?? "";
      const match = (MULTILINE_FIELDS.has(key) ? CONTROL_BUT_LINE_BREAKS : CONTROL).exec(value);
      if (match) {
        const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
        (out[path.length ? path.join(".") : "_"] ??= []).push(`must not contain control characters (U+${code} at position ${match.index + 1})`);
      }
    } else if (value && typeof value === "object" && depth < MAX_DEPTH) {
      for (const [k, v] of Object.entries(value)) visit(v, [...path, k], depth + 1);
    }
  };
  visit(input, [], 0);
  return out;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const control = controlCharacterErrors(input);
  const result = schema.safeParse(input);
  if (!result.success || Object.keys(control).length) {
    const fields = result.success ? control : mergeFieldErrors(control, fieldErrorsOf(result.error));
    const names = Object.keys(fields).filter((k) => k !== "_");
    const message = names.length
      ? `Invalid input: ${names.map((n) => `${n} (${fields[n][0]})`).join("; ")}`
      : `Invalid input: ${fields._?.[0] ?? "malformed"}`;
    throw invalidInput(message, fields);
  }
  return result.data;
}

function mergeFieldErrors(a: FieldErrors, b: FieldErrors): FieldErrors {
  const out: FieldErrors = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = [...(out[k] ?? []), ...v];
  return out;
}

/** Converts FormData into a plain object; repeated keys become arrays. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).filter((v) => typeof v === "string");
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/** `page` (from 1) and `pageSize` (at most 200) of any list. */
export const ZPageQuery = z.object({
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200, "must be at most 200").default(50)),
});
