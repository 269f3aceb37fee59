// next-auth configuration: email and password through the Credentials provider. The JWT cookie
// carries only the server-side session id; lib/auth/sessions.ts decides if it is still valid, in the
// session callback, so next-auth's own GET /api/auth/session answers {} for an ended session too.
import type { AuthOptions, Session } from "next-auth";
import type { Actor } from "@/lib/access/actor";
import CredentialsProvider from "next-auth/providers/credentials";
import { ensureAuthSecret } from "@/lib/auth/auth-secret";
import { mustEnrolSecondFactor } from "@/lib/auth/second-factor-gate";
import { actorForSession, signOutSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
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
  return {
    secret: ensureAuthSecret(),
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
        async authorize(credentials, req) {
          const headers = req.headers as Record<string, unknown> | undefined;
          try {
            const result = await signInWithPassword(credentials, {
              ip: clientAddressFromRecord(headers),
              userAgent: typeof headers?.["user-agent"] === "string" ? headers["user-agent"] : null,
            });
            return { id: result.sessionId, email: result.email, name: result.name };
          } catch (e) {
            // next-auth passes the thrown message to the client; only expected errors carry safe text.
            if (isAppError(e)) throw new Error(e.message);
            throw e;
          }
        },
      }),
    ],
    callbacks: {
      // Where next-auth sends the browser after sign-in or sign-out: a path of this site only.
      redirect: ({ url, baseUrl }) => safeAuthRedirect(url, baseUrl),
      jwt({ token, user }) {
        if (user) token.sid = user.id;
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
