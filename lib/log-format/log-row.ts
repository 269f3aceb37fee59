// One request of an API usage log (../shared/PRODUCT.md "API usage logs") as a typed row, checked
// field by field so a bad line is reported with every reason at once. Hand-written rather than a
// zod schema per line: this runs a million times per file, and the reasons name the log's own
// field names (prompt_tokens, not promptTokens).
import { normalizePrompt, promptKey, sha256Hex, simhashNormalized } from "@/lib/log-format/prompt-fingerprint";

export const REQUIRED_FIELDS = ["timestamp", "account_id", "model", "prompt_tokens", "completion_tokens"] as const;
export const OPTIONAL_FIELDS = [
  "api_key_id",
  "org_id",
  "ip",
  "user_agent",
  "endpoint",
  "status",
  "request_id",
  "prompt",
  "prompt_hash",
] as const;
const KNOWN = new Set<string>([...REQUIRED_FIELDS, ...OPTIONAL_FIELDS]);

export type LogRow = {
  /** Line of the source (decompressed) file where the request starts, from 1. */
  line: number;
  ts: Date;
  /** The log's account_id: the provider's id, matched to Account.externalId. */
  accountExternalId: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  apiKeyId: string | null;
  orgId: string | null;
  ip: string | null;
  userAgent: string | null;
  endpoint: string | null;
  status: string | null;
  requestId: string | null;
  prompt: string | null;
  promptHash: string | null;
  /** prompt_hash when given, else SHA-256 of the normalized prompt (prompt-fingerprint.ts). */
  promptKey: string | null;
  /** SimHash of the normalized prompt; null without text. */
  promptSimhash: string | null;
  /** Unknown fields as a JSON object text; null when none. */
  extra: string | null;
};

export type LineError = { line: number; reason: string };

const MAX_EXTERNAL_ID = 200;
const MAX_TOKENS = 2_147_483_647;
// 2024-01-02T03:04:05Z, 2024-01-02 03:04:05.123+02:00, 2024-01-02T03:04Z; no offset means UTC.
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** The row for a line's fields (a JSON object, or CSV cells by header name; "" counts as absent). */
export function toLogRow(fields: Record<string, unknown>, line: number): LogRow | LineError {
  const reasons: string[] = [];
  for (const name of REQUIRED_FIELDS) {
    if (isAbsent(fields[name])) reasons.push(`${name} is missing`);
  }
  const ts = isAbsent(fields.timestamp) ? null : parseTimestamp(fields.timestamp, reasons);
  const accountExternalId = isAbsent(fields.account_id) ? null : parseAccountId(fields.account_id, reasons);
  const model = isAbsent(fields.model) ? null : parseText("model", fields.model, reasons);
  const promptTokens = isAbsent(fields.prompt_tokens) ? null : parseTokens("prompt_tokens", fields.prompt_tokens, reasons);
  const completionTokens = isAbsent(fields.completion_tokens) ? null : parseTokens("completion_tokens", fields.completion_tokens, reasons);
  const optional = (name: (typeof OPTIONAL_FIELDS)[number]) => (isAbsent(fields[name]) ? null : parseText(name, fields[name], reasons));
  const row = {
    apiKeyId: optional("api_key_id"),
    orgId: optional("org_id"),
    ip: optional("ip"),
    userAgent: optional("user_agent"),
    endpoint: optional("endpoint"),
    status: optional("status"),
    requestId: optional("request_id"),
    prompt: optional("prompt"),
    promptHash: optional("prompt_hash"),
  };
  if (reasons.length > 0 || ts === null || accountExternalId === null || model === null || promptTokens === null || completionTokens === null) {
    return { line, reason: reasons.join("; ") || "invalid line" };
  }
  let extra: Record<string, unknown> | null = null;
  for (const key of Object.keys(fields)) {
    if (KNOWN.has(key) || fields[key] === undefined) continue;
    (extra ??= {})[key] = fields[key];
  }
  const normalized = row.prompt === null ? null : normalizePrompt(row.prompt);
  return {
    line,
    ts,
    accountExternalId,
    model,
    promptTokens,
    completionTokens,
    ...row,
    promptKey: row.promptHash !== null ? promptKey(null, row.promptHash) : normalized ? sha256Hex(normalized) : null,
    promptSimhash: normalized ? simhashNormalized(normalized) : null,
    extra: extra === null ? null : JSON.stringify(extra),
  };
}

export function isLineError(r: LogRow | LineError): r is LineError {
  return (r as LineError).reason !== undefined;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function show(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function parseTimestamp(value: unknown, reasons: string[]): Date | null {
  const bad = () => {
    reasons.push(`timestamp ${show(value)} is not an ISO 8601 time`);
    return null;
  };
  if (typeof value !== "string") return bad();
  const m = ISO_TIME.exec(value.trim());
  if (!m) return bad();
  const [, y, mo, d, h, mi, s = "00", frac = "", zone = "Z"] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(Number(y), month) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return bad();
  const offset = zone.toUpperCase() === "Z" ? "Z" : zone.length === 3 ? `${zone}:00` : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = frac ? `.${frac.padEnd(3, "0").slice(0, 3)}` : "";
  const time = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${offset}`);
  return Number.isNaN(time) ? bad() : new Date(time);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseAccountId(value: unknown, reasons: string[]): string | null {
  const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : typeof value === "string" ? value.trim() : null;
  if (text === null) {
    reasons.push(`account_id must be a string (got ${show(value)})`);
    return null;
  }
  if (text === "" || /\s/.test(text) || text.length > MAX_EXTERNAL_ID) {
    reasons.push(`account_id ${show(value)} must be 1-${MAX_EXTERNAL_ID} characters without spaces`);
    return null;
  }
  return text;
}

function parseTokens(name: string, value: unknown, reasons: string[]): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > MAX_TOKENS) {
    reasons.push(`${name} must be an integer >= 0 (got ${show(value)})`);
    return null;
  }
  return n;
}

function parseText(name: string, value: unknown, reasons: string[]): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  reasons.push(`${name} must be a string (got ${show(value)})`);
  return null;
}
