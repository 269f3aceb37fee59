// Session-cookie requests to /api/v1 (the evidence uploader, links from our pages) must come from
// our own pages. SameSite=Lax cookies keep most cross-site POSTs out, but they still ride along on
// a top-level cross-site GET (a link in an email), and same-site sibling hosts get them always.
// Reads of evidence are custody events, so a foreign page must not be able to cause one in a
// user's name either. Bearer-token calls carry no ambient credential and are not checked.
type HeaderSource = { get(name: string): string | null };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a request that authenticates by session cookie may go ahead. */
export function isSameOriginRequest(method: string, headers: HeaderSource): boolean {
  // Fetch metadata is set by the browser and cannot be forged by a page.
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return false;
  if (SAFE_METHODS.has(method.toUpperCase()) || fetchSite === "same-origin") return true;
  // A write without fetch metadata (an older browser): its Origin must name this host.
  const origin = headers.get("origin");
  if (!origin) return false;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Whether a page request came from a link on another site (a page should then not read content by itself). */
export function isCrossSiteNavigation(headers: HeaderSource): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  return fetchSite === "cross-site" || fetchSite === "same-site";
}
