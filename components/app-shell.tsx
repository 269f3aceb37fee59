"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import type { ReactNode } from "react";

type Props = {
  user: { name: string; email: string; role: string };
  /** count: a number shown beside the label (hidden at 0), described by countLabel; alert: shown in red. */
  nav: { href: string; label: string; count?: number; countLabel?: string; alert?: boolean }[];
  children: ReactNode;
};

export function AppShell({ user, nav, children }: Props) {
  const pathname = usePathname() ?? "/"; // never null in the App Router (typed so because of pages/)
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">Skip to content</a>
      <header className="border-b border-slate-200 bg-slate-900 text-white">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
          <Link href="/cases" className="text-lg font-semibold tracking-tight">Lantern</Link>
          <nav aria-label="Main" className="flex gap-1">
            {nav.map((item) => {
              const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <Link key={item.href} href={item.href} aria-current={active ? "page" : undefined}
                  className={`rounded px-3 py-1.5 text-sm ${active ? "bg-slate-700" : "hover:bg-slate-800"}`}>
                  {item.label}
                  {!!item.count && (
                    <span title={item.countLabel} className={`ml-1.5 rounded-full px-1.5 text-xs font-semibold ${item.alert ? "bg-red-600 text-white" : "bg-slate-600 text-white"}`}>
                      {item.count}
                      {item.countLabel && <span className="sr-only"> ({item.countLabel})</span>}
                    </span>
                  )}
                </Link>
              );
            })}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span title={user.email}>{user.name} <span className="text-slate-400">· {user.role}</span></span>
            <button type="button" onClick={() => signOut({ callbackUrl: "/login" })}
              className="rounded border border-slate-600 px-3 py-1 hover:bg-slate-800">
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
