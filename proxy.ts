// Next.js Proxy (Next 16's name for middleware): security headers of every HTML page. It runs
// before the page renders, so the nonce in the request's Content-Security-Policy reaches Next.js,
// which puts it on its own scripts (pages are rendered per request: app/layout.tsx awaits
// connection()). API routes are left out: they answer JSON, with headers from next.config.js.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { refuseCrossOriginAction } from "@/lib/http/cross-origin-action";
import { REQUESTED_PATH_HEADER } from "@/lib/http/safe-redirect";
import { contentSecurityPolicy, createNonce, HSTS, isHttpsRequest } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const refused = refuseCrossOriginAction(request.method, request.headers); // 403, not Next's 500
  if (refused) return refused;
  const { NODE_ENV, NEXTAUTH_URL } = env();
  const https = isHttpsRequest(request.headers, NEXTAUTH_URL);
  const csp = contentSecurityPolicy(createNonce(), { dev: NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  // The page asked for, so requireUser() can send a signed-out visitor back to it after sign-in
  // (set here, never taken from the client).
  requestHeaders.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  if (https) response.headers.set("strict-transport-security", HSTS);
  return response;
}

export const config = {
  matcher: [
    {
      // Everything but the API and Next's static files (which carry no page).
      source: "/((?!api/|_next/static/|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
