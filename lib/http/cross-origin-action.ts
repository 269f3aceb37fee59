// Next refuses a server action whose Origin is not this host (its CSRF check), but answers 500.
// The proxy (proxy.ts) refuses the same requests first, by the same rule, with 403 in the API's
// error shape. The rule, as Next 16 applies it (app-render/action-handler.ts): a POST that may be a
// server action (a Next-Action header, or a multipart form) whose Origin header is present and
// names another host than X-Forwarded-Host (its first value) or else Host.
// No Origin: let through, as Next does (browsers send one with every cross-site POST).
// (serverActions.allowedOrigins is not set in next.config.js; setting it would need the same here.)

/** A 403 Response for a cross-origin server action; undefined for anything else. */
export function refuseCrossOriginAction(method: string, headers: Headers): Response | undefined {
  if (method !== "POST") return undefined;
  const type = headers.get("content-type") ?? "";
  // URL-encoded bodies Next turns away before its origin check (it takes no such actions).
  if (type === "application/x-www-form-urlencoded") return undefined;
  if (!headers.has("next-action") && !type.startsWith("multipart/form-data")) return undefined;
  const origin = headers.get("origin");
  if (origin === null) return undefined;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (host && originHost(origin) === host) return undefined;
  return Response.json(
    { error: { code: "FORBIDDEN", message: "Forms of this site can only be submitted from its own pages", details: null } },
    { status: 403 },
  );
}

function originHost(origin: string): string | undefined {
  if (origin === "null") return "null";
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
