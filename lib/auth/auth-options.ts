// next-auth configuration: email and password through the Credentials provider, and single sign-on
// with OpenID Connect when configured (lib/auth/sso-*.ts, decision 0029). The JWT cookie
// carries only the server-side session id; lib/auth/sessions.ts decides if it is still valid, in the
// session callback, so next-auth's own GET /api/auth/session answers {} for an ended session too.
import type { AuthOptions, Session } from "next-auth";
import type { Actor } from "@/lib/access/actor";
import CredentialsProvider from "next-auth/providers/credentials";
import { ensureAuthSecret } from "@/lib/auth/auth-secret";
import { mustEnrolSecondFactor } from "@/lib/auth/second-factor-gate";
import { actorForSession, signOutSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { SsoRefusal } from "@/lib/auth/sso-claims";
import { SSO_PROVIDER_ID, ssoConfig } from "@/lib/auth/sso-config";
import { ssoProvider } from "@/lib/auth/sso-provider";
import { logAuthError, currentSsoRequest, noteSsoRefusal } from "@/lib/auth/sso-request";
import { completeSsoSecondFactor, sealSsoTicket, SSO_TICKET_COOKIE } from "@/lib/auth/sso-second-factor";
import { signInWithSso } from "@/lib/auth/sso-sign-in";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { clientAddressFromRecord } from "@/lib/http/client-address";
import { safeAuthRedirect } from "@/lib/http/safe-redirect";

let cached: AuthOptions | undefined;

/** The actor the session callback found for a session object, kept beside it (not in it, so it is
 *  not sent to the browser by /api/auth/session). */
const sessionActors = new WeakMap<object, Actor>();
/** The same for a user who must enrol a second factor first (lib/auth/second-factor-gate.ts): they
 *  are signed in, but only the enrolment page (lib/auth/current-user.ts) lets them in. */
const enrollingActors = new WeakMap<object, Actor>();
/** The session a single sign-on started, by the user object next-auth passes from the signIn
 *  callback to the jwt callback (the same object: no adapter). */
const ssoSessions = new WeakMap<object, string>();

/** The sign-in client from next-auth's request headers (a plain record). */
function clientOf(req: { headers?: unknown }) {
  const headers = req.headers as Record<string, unknown> | undefined;
  return {
    ip: clientAddressFromRecord(headers),
    userAgent: typeof headers?.["user-agent"] === "string" ? headers["user-agent"] : null,
  };
}

function cookieOf(req: { headers?: unknown }, name: string): string | null {
  const raw = (req.headers as Record<string, unknown> | undefined)?.cookie;
  if (typeof raw !== "string") return null;
  for (const part of raw.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return null;
}

/** The live user behind getServerSession()'s answer, or null (no cookie, or the session ended). */
export function actorOfSession(session: unknown): Actor | null {
  return session && typeof session === "object" ? (sessionActors.get(session) ?? null) : null;
}

/** The user of a session who must enrol a second factor before anything else, or null. */
export function enrollingActorOfSession(session: unknown): Actor | null {
  return session && typeof session === "object" ? (enrollingActors.get(session) ?? null) : null;
}

export function authOptions(): AuthOptions {
  cached ??= build();
  return cached;
}

function build(): AuthOptions {
  const maxAge = env().LANTERN_SESSION_MAX_HOURS * 3600;
  const sso = ssoConfig();
  return {
    secret: ensureAuthSecret(),
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/login", error: "/login" },
    logger: { error: logAuthError },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
        async authorize(credentials, req) {
          try {
            const result = await signInWithPassword(credentials, clientOf(req));
            return { id: result.sessionId, email: result.email, name: result.name };
          } catch (e) {
            // next-auth passes the thrown message to the client; only expected errors carry safe text.
            if (isAppError(e)) throw new Error(e.message);
            throw e;
          }
        },
      }),
      // The code after a single sign-on, for a user with a second factor (lib/auth/sso-second-factor.ts).
      CredentialsProvider({
        id: "sso-second-factor",
        name: "Second factor after single sign-on",
        credentials: { code: { type: "text" } },
        async authorize(credentials, req) {
          try {
            const result = await completeSsoSecondFactor(cookieOf(req, SSO_TICKET_COOKIE), credentials?.code ?? "", clientOf(req));
            return { id: result.sessionId, email: result.email, name: result.name };
          } catch (e) {
            if (isAppError(e)) throw new Error(e.message);
            throw e;
          }
        },
      }),
      ...(sso ? [ssoProvider(sso)] : []),
    ],
    callbacks: {
      // Where next-auth sends the browser after sign-in or sign-out: a path of this site only.
      redirect: ({ url, baseUrl }) => safeAuthRedirect(url, baseUrl),
      // Single sign-on: the provider's answer is verified by now; sign-in-with-sso.ts decides.
      async signIn({ user, account, profile }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        const request = currentSsoRequest();
        if (!sso || !request) return false;
        try {
          const result = await signInWithSso((profile ?? {}) as Record<string, unknown>, request.client, sso);
          if (result.kind === "second-factor") {
            request.ticket = sealSsoTicket(result.userId);
            return "/login?sso=code";
          }
          ssoSessions.set(user, result.sessionId);
          return true;
        } catch (e) {
          if (e instanceof SsoRefusal) {
            noteSsoRefusal(e);
            return false;
          }
          throw e;
        }
      },
      jwt({ token, user, account }) {
        if (user) token.sid = account?.provider === SSO_PROVIDER_ID ? ssoSessions.get(user) : user.id;
        return token;
      },
      // Every reader of the session (getServerSession in pages, actions and the API, and the
      // browser's GET /api/auth/session) gets it only while the server-side session is live.
      async session({ session, token }) {
        const actor = typeof token.sid === "string" ? await actorForSession(token.sid) : null;
        if (!actor) return {} as Session;
        const live = { ...session, sid: token.sid };
        (await mustEnrolSecondFactor(actor) ? enrollingActors : sessionActors).set(live, actor);
        return live;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await signOutSession(token.sid);
      },
    },
  };
}
