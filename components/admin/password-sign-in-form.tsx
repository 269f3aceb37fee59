"use client";
// The admin setting that turns password sign-in off, leaving single sign-on only (decision 0029).
import { useActionState } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { FormAlert } from "@/components/form-alert";
import { Panel } from "@/components/panel";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

export function PasswordSignInForm({ action, passwordOff, ssoName }: { action: FormAction; passwordOff: boolean; ssoName: string | null }) {
  const [state, formAction] = useActionState(action, idleState);
  useFormFeedback(state);
  return (
    <Panel title="Password sign-in" id="password-sign-in">
      <form action={formAction} className="space-y-3">
        <FormAlert state={state} />
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
      </form>
    </Panel>
  );
}
