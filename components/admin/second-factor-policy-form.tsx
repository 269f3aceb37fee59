"use client";
// The admin setting that requires a second factor of every user, not only ADMINs.
import type { FormAction } from "@/components/action-state";
import { SettingsActionPanel } from "@/components/admin/settings-action-panel";
import { SubmitButton } from "@/components/submit-button";

export function SecondFactorPolicyForm({ action, requireForEveryone, requireForAdmins }: { action: FormAction; requireForEveryone: boolean; requireForAdmins: boolean }) {
  return (
    <SettingsActionPanel title="Second factor" id="second-factor-policy" action={action}>
      <p className="text-sm text-slate-700">
        {requireForAdmins
          ? "Admins must always have one (LANTERN_REQUIRE_TOTP_FOR_ADMINS)."
          : "LANTERN_REQUIRE_TOTP_FOR_ADMINS=false: admins are not required to have one."}{" "}
        Users who must have one and have none are held on the set-up page after signing in. API tokens are not affected.
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="requireForEveryone" defaultChecked={requireForEveryone} />
        Require a second factor of every user
      </label>
      <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
    </SettingsActionPanel>
  );
}
