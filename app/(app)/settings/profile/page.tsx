import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ChangePasswordForm, ProfileNameForm } from "@/components/profile/profile-forms";
import { currentSessionId, requireRequestContext } from "@/lib/auth/current-user";
import { getProfile } from "@/lib/users/profile";
import { secondFactorRequiredFor } from "@/lib/auth/second-factor-gate";
import { SecondFactorSection } from "@/app/second-factor/second-factor-section";
import { changePasswordAction, updateProfileAction } from "./actions";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const ctx = await requireRequestContext();
  const profile = await getProfile(ctx, await currentSessionId());
  return (
    <>
      <PageHeader title="Profile" description={<>Signed in as {profile.email} ({profile.role.toLowerCase()}).</>} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ProfileNameForm action={updateProfileAction} name={profile.name} />
        <ChangePasswordForm action={changePasswordAction} otherSessions={profile.otherSessions} />
        <SecondFactorSection ctx={ctx} required={await secondFactorRequiredFor(ctx.actor)} doneHref="/settings/profile" />
      </div>
    </>
  );
}
