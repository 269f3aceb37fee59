// Parsing at the edge: one zod schema per input, shared by forms, server actions and REST routes.
import { z } from "zod";
import { invalidInput, type FieldErrors } from "@/lib/errors";

/** Form fields send "" for "not given": these turn it into undefined or null before validation. */
export const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
export const emptyToNull = (v: unknown) => (v === "" ? null : v);

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = fieldErrorsOf(result.error);
    const names = Object.keys(fields).filter((k) => k !== "_");
    const message = names.length
      ? `Invalid input: ${names.map((n) => `${n} (${fields[n][0]})`).join("; ")}`
      : `Invalid input: ${fields._?.[0] ?? "malformed"}`;
    throw invalidInput(message, fields);
  }
  return result.data;
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
