// next-auth configuration: email and password through the Credentials provider. The JWT cookie
// carries only the server-side session id; lib/auth/sessions.ts decides if it is still valid.
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { ensureAuthSecret } from "@/lib/auth/auth-secret";
import { signOutSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { clientAddressFromRecord } from "@/lib/http/client-address";
import { safeAuthRedirect } from "@/lib/http/safe-redirect";

let cached: AuthOptions | undefined;

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
        credentials: { email: { type: "email" }, password: { type: "password" } },
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
      session({ session, token }) {
        return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await signOutSession(token.sid);
      },
    },
  };
}
