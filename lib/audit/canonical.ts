// Canonical JSON (sorted keys, no whitespace) and the event hash. The hash covers every stored
// field and the previous event's hash, so any edit or deletion of a past event is detectable.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(byKey);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

// Keys are unique (never equal) and V8's sort only asks whether the answer is below zero, so
// "equal" and "greater" are the same answer here (docs/MUTATION.md).
// Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent, see above
const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

export type HashedFields = {
  seq: number;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  caseId: string | null;
  changes: string;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
};

export function eventHash(e: HashedFields): string {
  const canonical = canonicalJson({ ...e, at: e.at.toISOString() });
  return createHash("sha256").update(canonical).digest("hex");
}
