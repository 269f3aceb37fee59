import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DistillationSettingsForm } from "@/components/admin/distillation-settings-form";
import { PageHeader } from "@/components/page-header";
import { can } from "@/lib/access/permissions";
import { requireRequestContext } from "@/lib/auth/current-user";
import { readDistillationSettings } from "@/lib/distillation/update-distillation-settings";
import { resetDistillationSettingsAction, saveDistillationSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Distillation settings" };

export default async function DistillationSettingsPage() {
  const ctx = await requireRequestContext();
  if (!can(ctx.actor.role, "users:manage")) notFound();
  const settings = await readDistillationSettings(ctx);
  return (
    <>
      <PageHeader
        title="Distillation settings"
        description="The score above which an account is flagged in a case's distillation analysis, and the phrases that count as a prompt asking for step-by-step reasoning or a full worked solution (decision 0016)."
      />
      <DistillationSettingsForm action={saveDistillationSettingsAction} reset={resetDistillationSettingsAction} settings={settings} />
    </>
  );
}
