"use client";
// Single sign-on on the login page (decision 0029): the button that starts the OpenID Connect
// flow, and the code form a user with a second factor gets back after the provider's answer.
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { FieldError } from "@/components/field-error";

export function SsoSignInButton({ providerName, callbackUrl }: { providerName: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button type="button" disabled={pending}
      onClick={() => { setPending(true); void signIn("oidc", { callbackUrl }); }}
      className="w-full rounded-md border border-slate-900 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-60">
      {/* Not "Sign in with …": the password form's button is "Sign in", and the two must not share a name. */}
      {pending ? "Redirecting…" : `Continue with ${providerName}`}
    </button>
  );
}

export function SsoCodeForm({ email, callbackUrl }: { email: string; callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    if (!code) {
      setError("Enter the 6-digit code or a recovery code");
      return;
    }
    setPending(true);
    const result = await signIn("sso-second-factor", { code, redirect: false });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Invalid code.");
      document.getElementById("code")?.focus();
      return;
    }
    window.location.assign(callbackUrl);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <p className="text-sm text-slate-700">Signed in by single sign-on as <strong>{email}</strong>. This account has a second factor.</p>
      <div>
        <label htmlFor="code" className="block text-sm font-medium">Authentication code</label>
        <p id="code-hint" className="text-xs text-slate-600">The 6-digit code from your authenticator app, or one of your recovery codes.</p>
        <input id="code" name="code" type="text" autoComplete="one-time-code" required autoFocus
          aria-invalid={error ? true : undefined} aria-describedby={error ? "code-hint code-error" : "code-hint"}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-red-600 aria-invalid:bg-red-50" />
        <FieldError id="code-error" errors={error ? [error] : undefined} />
      </div>
      <button type="submit" disabled={pending}
        className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60">
        {pending ? "Checking…" : "Continue"}
      </button>
    </form>
  );
}
