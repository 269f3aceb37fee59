import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { SsoCodeForm, SsoSignInButton } from "@/components/sso-sign-in";
import { currentUser } from "@/lib/auth/current-user";
import { isPasswordSignInOff } from "@/lib/auth/password-sign-in-setting";
import { ssoRefusalMessage } from "@/lib/auth/sso-claims";
import { ssoConfig } from "@/lib/auth/sso-config";
import { SSO_TICKET_COOKIE, ssoTicketEmail } from "@/lib/auth/sso-second-factor";
import { safeLocalPath } from "@/lib/http/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

type Search = { callbackUrl?: string; error?: string; sso?: string };

/** The message for ?error=: a single sign-on refusal (sso-<key>), or one of next-auth's codes. */
function errorMessage(error: string | undefined): string | null {
  if (!error) return null;
  if (error.startsWith("sso-")) return ssoRefusalMessage(error.slice(4)) ?? ssoRefusalMessage("failed");
  if (error === "OAuthSignin") return "The identity provider could not be reached. Try again later.";
  if (["OAuthCallback", "Callback", "AccessDenied", "OAuthAccountNotLinked"].includes(error)) return ssoRefusalMessage("failed");
  return "Sign-in failed. Try again.";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { callbackUrl, error, sso: step } = await searchParams;
  const safeCallback = safeLocalPath(callbackUrl);
  if (await currentUser()) redirect(safeCallback);
  const sso = ssoConfig();
  const passwordOff = await isPasswordSignInOff();
  const ticketEmail = step === "code" ? await ssoTicketEmail((await cookies()).get(SSO_TICKET_COOKIE)?.value) : null;
  const message = errorMessage(error);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-2xl font-semibold">Lantern</h1>
        <p className="mb-6 text-sm text-slate-600">Sign in to continue.</p>
        {message && <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">{message}</p>}
        {ticketEmail ? (
          <SsoCodeForm email={ticketEmail} callbackUrl={safeCallback} />
        ) : (
          <div className="space-y-4">
            {sso && <SsoSignInButton providerName={sso.name} callbackUrl={safeCallback} />}
            {sso && !passwordOff && <p className="text-center text-xs uppercase tracking-wide text-slate-500">or with your password</p>}
            {!passwordOff && <LoginForm callbackUrl={safeCallback} />}
            {passwordOff && !sso && <p className="text-sm text-slate-700">Password sign-in is turned off and single sign-on is not configured. An operator can turn passwords back on with <code>npm run admin -- enable-password-sign-in</code>.</p>}
          </div>
        )}
      </div>
    </main>
  );
}
