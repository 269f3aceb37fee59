import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PasswordSignInForm } from "@/components/admin/password-sign-in-form";
import { SecondFactorPolicyForm } from "@/components/admin/second-factor-policy-form";
import { PageHeader } from "@/components/page-header";
import { can } from "@/lib/access/permissions";
import { requireUser } from "@/lib/auth/current-user";
import { isPasswordSignInOff } from "@/lib/auth/password-sign-in-setting";
import { readRequireSecondFactorForEveryone } from "@/lib/auth/second-factor-gate";
import { ssoConfig } from "@/lib/auth/sso-config";
import { env } from "@/lib/env";
import { saveSecondFactorPolicyAction } from "./actions";
import { savePasswordSignInAction } from "./password-actions";

export const metadata: Metadata = { title: "Sign-in security" };

export default async function SecurityPage() {
  const actor = await requireUser();
  if (!can(actor.role, "users:manage")) notFound();
  return (
    <>
      <PageHeader title="Sign-in security" description="Who must sign in with a second factor (TOTP), and whether passwords are allowed beside single sign-on." />
      <SecondFactorPolicyForm
        action={saveSecondFactorPolicyAction}
        requireForEveryone={await readRequireSecondFactorForEveryone()}
        requireForAdmins={env().LANTERN_REQUIRE_TOTP_FOR_ADMINS}
      />
      <div className="mt-4"><PasswordSignInForm action={savePasswordSignInAction} passwordOff={await isPasswordSignInOff()} ssoName={ssoConfig()?.name ?? null} /></div>
    </>
  );
}
