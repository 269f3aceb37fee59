import type { ReactNode } from "react";
import { Suspense } from "react";
import { AppShell } from "@/components/app-shell";
import { FlashToast } from "@/components/toast";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const nav = [
    { href: "/cases", label: "Cases" },
    ...(can(user.role, "account:read") ? [{ href: "/accounts", label: "Accounts" }] : []),
    { href: "/evidence", label: "Evidence" },
    ...(can(user.role, "audit:read") ? [{ href: "/audit", label: "Audit" }] : []),
    ...(can(user.role, "users:manage") ? [{ href: "/admin/users", label: "Admin" }] : []),
    { href: "/settings/tokens", label: "Settings" },
  ];
  return (
    <AppShell user={{ name: user.name, email: user.email, role: user.role }} nav={nav}>
      <Suspense>
        <FlashToast />
      </Suspense>
      {children}
    </AppShell>
  );
}
