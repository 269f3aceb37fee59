// The request id written into the audit trail and echoed in X-Request-Id. A caller's own id is kept
// only in a short, plain form (a UUID, a trace id); anything else gets a fresh one, so a client cannot
// put markup or kilobytes of text into the hash-chained trail.
import { randomUUID } from "node:crypto";

type HeaderSource = { get(name: string): string | null };

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(headers: HeaderSource): string {
  const given = headers.get("x-request-id");
  return given !== null && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}
