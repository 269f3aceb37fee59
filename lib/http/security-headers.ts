// Security headers of HTML pages, set by proxy.ts on every page request (decision 0011): a strict
// Content-Security-Policy with a fresh nonce per request (Next.js puts it on its own scripts when it
// finds it in the request's CSP header), and HSTS when the page is served over https.
import type { BlockList } from "node:net";
import { peerIsTrustedProxy } from "@/lib/http/client-address";

type HeaderSource = { get(name: string): string | null };

export const HSTS = "max-age=31536000";

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** The page policy. Scripts only with this response's nonce (and what they load: 'strict-dynamic');
 *  no inline script, no eval outside development. Styles may be inline (style attributes of our
 *  components); everything else from this origin only. */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Whether the browser reached us over https: the public URL says so (NEXTAUTH_URL), or the
 * socket's peer is a trusted proxy that says so in X-Forwarded-Proto. A client's own
 * X-Forwarded-Proto counts for nothing.
 */
export function isHttpsRequest(headers: HeaderSource, publicUrl: string | undefined, trusted?: BlockList): boolean {
  if (publicUrl?.startsWith("https:")) return true;
  if (!peerIsTrustedProxy(headers, trusted)) return false;
  // A chain of proxies appends: the nearest one's word is the last.
  return (headers.get("x-forwarded-proto") ?? "").split(",").at(-1)?.trim().toLowerCase() === "https";
}
