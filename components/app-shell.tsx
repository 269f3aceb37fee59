"use client";
// The signed-in frame: header with the main navigation and the user, then the page. Below the lg
// breakpoint the navigation and the user's links fold into a menu behind a real button
// (aria-expanded, aria-controls), closed again by Escape or by following a link.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useEffect, useState, type ReactNode } from "react";

type NavItem = { href: string; label: string; count?: number; countLabel?: string; alert?: boolean };

type Props = {
  user: { name: string; email: string; role: string };
  /** count: a number shown beside the label (hidden at 0), described by countLabel; alert: shown in red. */
  nav: NavItem[];
  children: ReactNode;
};

export function AppShell({ user, nav, children }: Props) {
  const pathname = usePathname() ?? "/"; // never null in the App Router (typed so because of pages/)
  const [open, setOpen] = useState(false);
  // Following a link closes the menu (adjusted while rendering, not in an effect).
  const [shownPath, setShownPath] = useState(pathname);
  if (pathname !== shownPath) {
    setShownPath(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:bg-white focus:p-2 focus:text-slate-900">Skip to content</a>
      <header className="border-b border-slate-200 bg-slate-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight">Lantern</Link>
          <button
            type="button"
            aria-expanded={open}
            aria-controls="app-menu"
            onClick={() => setOpen((o) => !o)}
            className="ml-auto rounded border border-slate-600 px-3 py-1 text-sm hover:bg-slate-800 lg:hidden"
          >
            Menu
          </button>
          <div id="app-menu" className={`${open ? "flex" : "hidden"} w-full flex-col gap-3 lg:flex lg:w-auto lg:flex-1 lg:flex-row lg:items-center`}>
            <nav aria-label="Main" className="flex flex-col gap-1 lg:flex-row">
              {nav.map((item) => (
                <NavLink key={item.href} item={item} active={pathname === item.href || pathname.startsWith(`${item.href}/`)} />
              ))}
            </nav>
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-700 pt-3 text-sm lg:ml-auto lg:border-0 lg:pt-0">
              <Link href="/settings/profile" title={user.email} className="rounded px-1 hover:underline">
                {user.name} <span className="text-slate-300">· {user.role}</span>
              </Link>
              <button type="button" onClick={() => signOut({ callbackUrl: "/login" })}
                className="rounded border border-slate-600 px-3 py-1 hover:bg-slate-800">
                Sign out
              </button>
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}

function NavLink({ item, active }: { item: NavItem; active: boolean }) {
  return (
    <Link href={item.href} aria-current={active ? "page" : undefined}
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
}
