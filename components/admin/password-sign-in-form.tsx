"use client";
// The admin setting that turns password sign-in off, leaving single sign-on only (decision 0029).
import type { FormAction } from "@/components/action-state";
import { SettingsActionPanel } from "@/components/admin/settings-action-panel";
import { SubmitButton } from "@/components/submit-button";

export function PasswordSignInForm({ action, passwordOff, ssoName }: { action: FormAction; passwordOff: boolean; ssoName: string | null }) {
  return (
    <SettingsActionPanel title="Password sign-in" id="password-sign-in" action={action}>
      <p className="text-sm text-slate-700">
        {ssoName
          ? `Single sign-on is configured (Continue with ${ssoName}). With passwords off, the login page offers only single sign-on and password sign-ins are refused.`
          : "Single sign-on is not configured (LANTERN_OIDC_ISSUER), so passwords cannot be turned off."}{" "}
        Break-glass from the server&apos;s shell: <code>npm run admin -- enable-password-sign-in</code>.
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="passwordSignIn" defaultChecked={!passwordOff} />
        Allow sign-in with email and password
      </label>
      {/* Not "Save …": the second-factor panel above has a "Save" button of its own. */}
      <SubmitButton pendingLabel="Applying…">Apply password setting</SubmitButton>
    </SettingsActionPanel>
  );
}
