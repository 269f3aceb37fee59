// Parsing at the edge: one zod schema per input, shared by forms, server actions and REST routes.
import { z } from "zod";
import { invalidInput, type FieldErrors } from "@/lib/errors";

// In the browser (the uploader checks its form with the same schemas), zod must not probe for eval:
// the page's CSP forbids it, and the probe is reported as a violation even though zod catches it.
// Schema files import this module, so this runs before any schema is built.
if (typeof window !== "undefined") z.config({ jitless: true });

/** ON_HOLD → "On hold" (the words the forms use for enum values). */
const wordsOf = (v: unknown) => (typeof v === "string" ? v.replaceAll("_", " ").toLowerCase().replace(/^\w/, (c) => c.toUpperCase()) : plain(v));
const shown = (v: unknown) => (typeof v === "string" ? `“${v.length > 40 ? `${v.slice(0, 40)}…` : v}”` : plain(v));
/** A non-text input in words, without calling anything of the input's own: String() on a hostile
 *  object runs its toString/valueOf (or throws when they are not functions). */
function plain(v: unknown): string {
  if (v === null || v === undefined || typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : typeof v;
}
const listOf = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(", ")} or ${items.at(-1)}` : (items[0] ?? ""));

/**
 * zod's default messages, where they would show a reader raw internals ("expected one of
 * "OPEN"|"ACTIVE"", "expected number, received NaN"), in people's words and naming the value.
 * Messages a schema gives itself are kept.
 */
z.config({
  customError: (issue) => {
    if (issue.code === "invalid_value" && issue.values.length > 0) {
      return `${shown(issue.input)} is not a choice here; choose ${listOf(issue.values.map(wordsOf))}`;
    }
    if (issue.code === "invalid_type") {
      if (issue.input === undefined) return "is required";
      if (issue.expected === "number" || issue.expected === "int") return typeof issue.input === "number" ? "must be a number" : `${shown(issue.input)} is not a number`;
      if (issue.expected === "date") return "is not a date";
    }
    return undefined;
  },
});

/** Field names as the forms label them, for messages a person reads. API details keep the names. */
const FIELD_LABELS: Record<string, string> = {
  title: "Title", summary: "Summary", severity: "Severity", restricted: "Restricted", tags: "Tags", tag: "Tag",
  dueAt: "Due date", leadId: "Lead", memberIds: "Members", body: "Note", pinned: "Pin", kind: "Kind",
  description: "Description", source: "Source", collectedAt: "Collected at", resolution: "Resolution", reason: "Reason",
  to: "To", from: "From", email: "Email", password: "Password", name: "Name", role: "Role", externalId: "External id",
  displayName: "Display name", emails: "Emails", organization: "Organization", country: "Country", riskScore: "Risk score",
  providerCreatedAt: "Created at the provider", attributes: "Attributes", notes: "Notes", justification: "Justification",
  referralBody: "Referral body", referenceNumber: "Reference number", classification: "Classification marking",
  comment: "Comment", confidence: "Confidence", scope: "Scope", page: "Page", pageSize: "Per page", q: "Search",
  sort: "Sort by", order: "Order", status: "Status", file: "File", version: "Version", supersedesId: "Supersedes",
  targetAccountIds: "Target accounts", evidenceIds: "Evidence", accountIds: "Accounts", accountId: "Account",
  actor: "Person", action: "Event", entityType: "About", caseId: "Case", url: "URL", secret: "Secret",
  threshold: "Flag threshold", phrases: "Reasoning phrases",
};

/** "tags.3" → "Tags"; "attributes.2.value" → "Attributes, row 3: value"; unknown keys are spaced out. */
export function fieldLabelOf(path: string): string {
  const [first, ...rest] = path.split(".");
  const label = FIELD_LABELS[first] ?? first.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^\w/, (c) => c.toUpperCase());
  const index = rest.findIndex((p) => /^\d+$/.test(p));
  const named = rest.filter((p) => !/^\d+$/.test(p));
  if (!named.length) return label;
  return `${label}${index >= 0 ? `, row ${Number(rest[index]) + 1}` : ""}: ${named.map((n) => FIELD_LABELS[n]?.toLowerCase() ?? n).join(" ")}`;
}

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
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set(["body", "summary", "description", "reason", "notes", "comment", "emails", "justification", "outcome", "phrases"]);

/* eslint-disable no-control-regex -- control characters are what these two refuse */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */
const MAX_DEPTH = 32;
/** Characters that turn text around (bidirectional embeddings, overrides and isolates): "Ω‮RTL‬"
 *  displays reversed. Refused in every field, free text included. */
const DIRECTION_OVERRIDES = /[\u202a-\u202e\u2066-\u2069]/;
/** Invisible characters that hide or disguise a name (zero-width space, direction marks, word
 *  joiner and invisible operators, byte-order mark, Mongolian vowel separator, Arabic letter mark):
 *  refused in one-line fields (titles, names, tags, ids). Free text keeps direction marks, which
 *  right-to-left writing needs. The zero-width (non-)joiners U+200C/U+200D stay allowed: Persian,
 *  the Indic scripts and emoji sequences need them. */
const INVISIBLE = /[\u200b\u200e\u200f\u2060-\u2064\ufeff\u180e\u061c\u00ad]/;
const INVISIBLE_ALL = new RegExp(`${DIRECTION_OVERRIDES.source}|${INVISIBLE.source}`, "g");

/** A name with the direction-changing and invisible characters taken out (file names of uploads,
 *  which are kept rather than refused). */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE_ALL, "");
}

const hex = (ch: string) => ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");

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
      const multiline = MULTILINE_FIELDS.has(key);
      const field = path.length ? path.join(".") : "_";
      const match = (multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL).exec(value);
      if (match) (out[field] ??= []).push(`must not contain control characters (U+${hex(match[0])} at position ${match.index + 1})`);
      const hidden = DIRECTION_OVERRIDES.exec(value) ?? (multiline ? null : INVISIBLE.exec(value));
      if (hidden) (out[field] ??= []).push(`must not contain invisible or direction-changing characters (U+${hex(hidden[0])} at position ${hidden.index + 1})`);
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
    const message = messageOf(fields);
    throw invalidInput(message, fields);
  }
  return result.data;
}

/**
 * The one-line message of a refused input, in people's words: fields as the forms label them
 * ("Tags", not "tags.3"), each with its first problem; a list's items with the same label are
 * said once with all their problems ("Tags: Tag “x y” may use …; Tag “a b” may use …").
 */
export function messageOf(fields: FieldErrors): string {
  const byLabel = new Map<string, string[]>();
  for (const [path, problems] of Object.entries(fields)) {
    if (path === "_") continue;
    const label = fieldLabelOf(path);
    const list = byLabel.get(label) ?? [];
    if (!list.includes(problems[0])) list.push(problems[0]);
    byLabel.set(label, list);
  }
  if (!byLabel.size) return `Invalid input: ${fields._?.[0] ?? "malformed"}`;
  return `Check ${byLabel.size === 1 ? "this field" : "these fields"}: ${[...byLabel].map(([label, p]) => `${label} (${p.join("; ")})`).join("; ")}`;
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
