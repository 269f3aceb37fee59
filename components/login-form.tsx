"use client";
// Sign-in: each problem is said beside the field it is about (a missing or malformed email, a
// missing password, a wrong pair); only what belongs to neither (throttling) goes above the button.
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { FieldError } from "@/components/field-error";

const WRONG_PAIR = "Invalid email or password.";
// lib/auth/sign-in.ts SECOND_FACTOR_REQUIRED and INVALID_SECOND_FACTOR (not imported: server code).
const CODE_REQUIRED = "Enter the code from your authenticator app, or a recovery code.";
const WRONG_CODE = "Invalid code.";

type Errors = { email?: string; password?: string; code?: string; form?: string };

const inputClass = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-red-600 aria-invalid:bg-red-50";

/** The form's own checks before asking the server. */
export function checkSignInFields(email: string, password: string): Errors {
  const out: Errors = {};
  if (!email.trim()) out.email = "Enter your email address";
  else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) out.email = `“${email.trim()}” is not an email address`;
  if (!password) out.password = "Enter your password";
  return out;
}

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [errors, setErrors] = useState<Errors>({});
  const [wrongPair, setWrongPair] = useState(false);
  const [pending, setPending] = useState(false);
  // Shown once the server says the password was right and a second factor is needed.
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const code = String(form.get("code") ?? "").trim();
    const local = checkSignInFields(email, password);
    setWrongPair(false);
    setErrors(local);
    if (local.email || local.password) {
      document.getElementById(local.email ? "email" : "password")?.focus();
      return;
    }
    if (askCode && !code) {
      setErrors({ code: "Enter the 6-digit code or a recovery code" });
      document.getElementById("code")?.focus();
      return;
    }
    setPending(true);
    const result = await signIn("credentials", { email, password, ...(askCode ? { code } : {}), redirect: false });
    setPending(false);
    if (!result || result.error) {
      // A wrong pair never says which of the two was wrong (lib/auth/sign-in.ts INVALID_CREDENTIALS):
      // it is said under the password, with both fields marked.
      if (result?.error === CODE_REQUIRED || result?.error === WRONG_CODE) {
        setAskCode(true);
        setErrors(result.error === WRONG_CODE ? { code: WRONG_CODE } : {});
        requestAnimationFrame(() => document.getElementById("code")?.focus());
      } else if (!result?.error || result.error === "CredentialsSignin" || result.error === WRONG_PAIR) {
        setWrongPair(true);
        setErrors({ password: WRONG_PAIR });
        document.getElementById("password")?.focus();
      } else {
        setErrors({ form: result.error });
      }
      return;
    }
    window.location.assign(callbackUrl);
  }

  const described = (field: "email" | "password" | "code") => (errors[field] ? `${field}-error` : undefined);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus
          aria-invalid={errors.email || wrongPair ? true : undefined} aria-describedby={described("email")}
          className={inputClass} />
        <FieldError id="email-error" errors={errors.email ? [errors.email] : undefined} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required
          aria-invalid={errors.password ? true : undefined} aria-describedby={described("password")}
          className={inputClass} />
        <FieldError id="password-error" errors={errors.password ? [errors.password] : undefined} />
      </div>
      {askCode && (
        <div>
          <label htmlFor="code" className="block text-sm font-medium">Authentication code</label>
          <p id="code-hint" className="text-xs text-slate-600">The 6-digit code from your authenticator app, or one of your recovery codes.</p>
          <input id="code" name="code" type="text" inputMode="text" autoComplete="one-time-code" required
            aria-invalid={errors.code ? true : undefined} aria-describedby={[`code-hint`, described("code")].filter(Boolean).join(" ")}
            className={inputClass} />
          <FieldError id="code-error" errors={errors.code ? [errors.code] : undefined} />
        </div>
      )}
      {errors.form && <p role="alert" className="text-sm text-red-700">{errors.form}</p>}
      <button type="submit" disabled={pending}
        className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
