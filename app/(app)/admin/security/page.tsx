import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SecondFactorPolicyForm } from "@/components/admin/second-factor-policy-form";
import { PageHeader } from "@/components/page-header";
import { can } from "@/lib/access/permissions";
import { requireUser } from "@/lib/auth/current-user";
import { readRequireSecondFactorForEveryone } from "@/lib/auth/second-factor-gate";
import { env } from "@/lib/env";
import { saveSecondFactorPolicyAction } from "./actions";

export const metadata: Metadata = { title: "Sign-in security" };

export default async function SecurityPage() {
  const actor = await requireUser();
  if (!can(actor.role, "users:manage")) notFound();
  return (
    <>
      <PageHeader title="Sign-in security" description="Who must sign in with a second factor (TOTP)." />
      <SecondFactorPolicyForm
        action={saveSecondFactorPolicyAction}
        requireForEveryone={await readRequireSecondFactorForEveryone()}
        requireForAdmins={env().LANTERN_REQUIRE_TOTP_FOR_ADMINS}
      />
    </>
  );
}
