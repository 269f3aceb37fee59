// Where to send a user after sign-in: only a path on this site. Anything that a browser could
// resolve to another origin falls back to the default, the home page "/" (the dashboard, or an
// investigator's own home): "//x", "/\\x", "/\tx", "https://x", and
// paths whose dot segments collapse to "//x" once resolved ("/.//x", "/a/..//x", "/%2e%2e//x"),
// and paths with an encoded slash, backslash or control character ("/%2f%2fx", "/%5cx", "/%09x"),
// which no page of ours has and which a later decoding step could turn into one of the above.
const BASE = "http://lantern.invalid";
const ENCODED_SEPARATOR_OR_CONTROL = /%(2f|5c|[01][0-9a-f]|7f)/i;

export function safeLocalPath(candidate: string | undefined | null, fallback = "/"): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (!candidate || !candidate.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  const resolved = resolveLocal(candidate);
  // The answer is itself a URL the browser resolves again: it must be a single-slash path that
  // resolves to itself on this origin (so no "//host" and no further dot segments to collapse).
  if (resolved === null || resolved.startsWith("//") || resolveLocal(resolved) !== resolved) return fallback;
  return resolved;
}

function resolveLocal(candidate: string): string | null {
  try {
    const url = new URL(candidate, BASE);
    if (url.origin !== BASE || ENCODED_SEPARATOR_OR_CONTROL.test(url.pathname)) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** next-auth's redirect callback: `url` is a path or an absolute URL; only a path of `baseUrl` is kept. */
export function safeAuthRedirect(url: string, baseUrl: string, fallback = "/"): string {
  const base = baseUrl.replace(/\/+$/, "");
  const path = url.startsWith(`${base}/`) ? url.slice(base.length) : url;
  return `${base}${safeLocalPath(path, fallback)}`;
}

/** The request header proxy.ts sets to the page's own path and query (overwriting any sent). */
export const REQUESTED_PATH_HEADER = "x-lantern-requested-path";

/** The sign-in page for a signed-out visitor of `requested`, carrying it when it is a safe local path. */
export function signInPathFor(requested: string | null | undefined): string {
  const back = safeLocalPath(requested, "");
  return back && back !== "/" && !back.startsWith("/login") ? `/login?callbackUrl=${encodeURIComponent(back)}` : "/login";
}
