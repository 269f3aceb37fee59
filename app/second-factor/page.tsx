// Where a user who must have a second factor (an ADMIN, or everyone by the admin setting) is held
// after signing in until they enrol one (lib/auth/current-user.ts requireUser sends them here).
import type { Metadata } from "next";
import { requireEnrolmentContext } from "@/lib/auth/current-user";
import { SecondFactorSection } from "./second-factor-section";

export const metadata: Metadata = { title: "Set up a second factor" };
export const dynamic = "force-dynamic";

export default async function SecondFactorPage() {
  const ctx = await requireEnrolmentContext();
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-md space-y-4">
        <h1 className="text-2xl font-semibold">Set up a second factor</h1>
        <p className="text-sm text-slate-600">Signed in as {ctx.actor.email}.</p>
        <SecondFactorSection ctx={ctx} required={ctx.mustEnrol} doneHref="/" />
      </div>
    </main>
  );
}
