// Where to send a user after sign-in: only a path on this site. Anything that a browser could
// resolve to another origin ("//x", "/\\x", "/\tx", "https://x") falls back to the default.
const BASE = "http://lantern.invalid";

export function safeLocalPath(candidate: string | undefined | null, fallback = "/cases"): string {
  if (!candidate || !candidate.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  try {
    const url = new URL(candidate, BASE);
    if (url.origin !== BASE) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
