// Cookie-authenticated writes to /api/v1 (the evidence uploader in the browser) must come from
// our own pages. SameSite=Lax cookies already keep most cross-site POSTs out; this closes the rest
// (same-site sibling hosts, older browsers). Bearer-token calls carry no ambient credential and
// are not checked.
type HeaderSource = { get(name: string): string | null };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a request that authenticates by session cookie may go ahead. */
export function isSameOriginWrite(method: string, headers: HeaderSource): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = headers.get("origin");
  if (!origin) return fetchSite === "same-origin";
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
