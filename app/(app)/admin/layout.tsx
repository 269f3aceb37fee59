// The admin area's own tabs: users, background jobs, webhook settings, sign-in security, distillation settings.
import type { ReactNode } from "react";
import Link from "next/link";

const TABS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/jobs", label: "Background jobs" },
  { href: "/admin/webhook", label: "Webhook" },
  { href: "/admin/security", label: "Sign-in security" },
  { href: "/admin/distillation", label: "Distillation" },
];

export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <nav aria-label="Admin sections" className="mb-4 flex flex-wrap gap-x-4 gap-y-2 border-b border-slate-200 text-sm">
        {TABS.map((t) => (
          <Link key={t.href} href={t.href} className="-mb-px border-b-2 border-transparent px-1 pb-2 text-slate-600 hover:border-slate-400 hover:text-slate-900">
            {t.label}
          </Link>
        ))}
      </nav>
      {children}
    </>
  );
}
