// One request to next-auth's routes (/api/auth/*), as seen by single sign-on (decision 0029).
// next-auth does not hand its callbacks the request, and answers every failed OpenID callback with
// the same generic redirect. This wrapper keeps, for the length of one request, the client (for the
// audit trail), the failure a callback or next-auth's logger saw, and a second-factor ticket; once
// next-auth has answered, it audits the failure and sends the browser to the login page with the
// reason, or to the code form with the ticket as an HttpOnly cookie.
import { AsyncLocalStorage } from "node:async_hooks";
import { SsoRefusal, type SsoRefusalKey } from "@/lib/auth/sso-claims";
import { SSO_TICKET_COOKIE, SSO_TICKET_TTL_SECONDS } from "@/lib/auth/sso-second-factor";
import { recordRefusedSsoSignIn, type SignInClient } from "@/lib/auth/sso-sign-in";
import { clientAddress } from "@/lib/http/client-address";
import { safeLocalPath } from "@/lib/http/safe-redirect";

type SsoRequestState = {
  client: SignInClient;
  failure: { key: SsoRefusalKey; detail: string | null; audited: boolean } | null;
  ticket: string | null;
};

const requests = new AsyncLocalStorage<SsoRequestState>();

export function currentSsoRequest(): SsoRequestState | null {
  return requests.getStore() ?? null;
}

/** A refusal the sign-in logic already audited (SsoRefusal from lib/auth/sso-sign-in.ts). */
export function noteSsoRefusal(refusal: SsoRefusal): void {
  const state = requests.getStore();
  if (state) state.failure = { key: refusal.key, detail: refusal.detail, audited: true };
}

/** What an error next-auth caught in the OpenID callback means for the user: the token was for
 *  another client; the state (or PKCE verifier / nonce, kept in the same short-lived cookies) was
 *  missing or did not match, as when a callback URL is replayed; or anything else. */
export function classifyCallbackError(message: string): SsoRefusalKey {
  if (/\baud\b|audience|azp/i.test(message)) return "audience";
  if (/state|code_verifier|nonce cookie|invalid_grant/i.test(message)) return "state";
  return "failed";
}

/** next-auth's logger.error: still printed; an OpenID callback error is also kept for the wrapper. */
export function logAuthError(code: string, metadata: unknown): void {
  const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | null)?.error;
  const message = error instanceof Error ? error.message : String((metadata as { message?: unknown } | null)?.message ?? "");
  // A callback error is expected input (its message says enough); anything else keeps its stack.
  console.error(`[next-auth][error][${code}]`, code.startsWith("OAUTH_CALLBACK") || !(error instanceof Error) ? message : error.stack);
  const state = requests.getStore();
  if (state && !state.failure && code.startsWith("OAUTH_CALLBACK")) {
    state.failure = { key: classifyCallbackError(message), detail: message, audited: false };
  }
}

export async function handleAuthRequest(
  req: Request & { cookies?: { get(name: string): { value: string } | undefined } },
  run: () => Promise<Response>,
): Promise<Response> {
  const state: SsoRequestState = {
    client: { ip: clientAddress(req.headers), userAgent: req.headers.get("user-agent") },
    failure: null,
    ticket: null,
  };
  const response = await requests.run(state, run);
  if (state.failure) {
    if (!state.failure.audited) {
      await recordRefusedSsoSignIn(state.failure.key, { email: null, userId: null, client: state.client, detail: state.failure.detail });
    }
    return redirectTo(response, `/login?error=sso-${state.failure.key}`);
  }
  if (state.ticket) {
    const callback = localPathOf(req.cookies?.get("next-auth.callback-url")?.value ?? req.cookies?.get("__Secure-next-auth.callback-url")?.value);
    const out = redirectTo(response, `/login?sso=code&callbackUrl=${encodeURIComponent(callback)}`);
    const secure = new URL(req.url).protocol === "https:" ? "; Secure" : "";
    out.headers.append("Set-Cookie", `${SSO_TICKET_COOKIE}=${state.ticket}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SSO_TICKET_TTL_SECONDS}${secure}`);
    return out;
  }
  return response;
}

/** The same answer (its cookies included) sent elsewhere. */
function redirectTo(response: Response, location: string): Response {
  const headers = new Headers(response.headers);
  headers.set("Location", location);
  headers.delete("Content-Type");
  return new Response(null, { status: 302, headers });
}

/** next-auth keeps the callback URL absolute; only its path on this site is used. */
function localPathOf(url: string | undefined): string {
  if (!url) return "/";
  try {
    const u = new URL(url, "http://lantern.invalid");
    return safeLocalPath(`${u.pathname}${u.search}`);
  } catch {
    return "/";
  }
}
