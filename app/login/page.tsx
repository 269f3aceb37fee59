import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { currentUser } from "@/lib/auth/current-user";
import { safeLocalPath } from "@/lib/http/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const safeCallback = safeLocalPath(callbackUrl);
  if (await currentUser()) redirect(safeCallback);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-2xl font-semibold">Lantern</h1>
        <p className="mb-6 text-sm text-slate-600">Sign in to continue.</p>
        <LoginForm callbackUrl={safeCallback} />
      </div>
    </main>
  );
}
