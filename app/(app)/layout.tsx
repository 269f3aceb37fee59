import type { ReactNode } from "react";
import { Suspense } from "react";
import { AppShell } from "@/components/app-shell";
import { FlashToast } from "@/components/toast";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";
import { countActionQueues } from "@/lib/actions/list-actions";
import type { Actor } from "@/lib/access/actor";
import { countUnread } from "@/lib/notifications/inbox";

/** Actions, with the proposals awaiting this user's approval and the overdue ones counted. */
async function actionsNavItem(user: Actor) {
  const { awaitingApproval, overdue } = await countActionQueues(user);
  const parts = [awaitingApproval && `${awaitingApproval} awaiting your approval`, overdue && `${overdue} overdue`].filter(Boolean);
  return { href: "/actions", label: "Actions", count: awaitingApproval + overdue, countLabel: parts.join(", "), alert: overdue > 0 };
}

/** Inbox, with the unread notifications counted. */
async function inboxNavItem(user: Actor) {
  const unread = await countUnread(user);
  return { href: "/inbox", label: "Inbox", count: unread, countLabel: `${unread} unread` };
}

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const nav = [
    { href: "/", label: user.role === "INVESTIGATOR" ? "Home" : "Dashboard" },
    { href: "/cases", label: "Cases" },
    ...(can(user.role, "account:read") ? [{ href: "/accounts", label: "Accounts" }] : []),
    { href: "/evidence", label: "Evidence" },
    await actionsNavItem(user),
    ...(can(user.role, "audit:read:cases") ? [{ href: "/audit", label: "Audit" }] : []),
    ...(can(user.role, "users:manage") ? [{ href: "/admin/users", label: "Admin" }] : []),
    await inboxNavItem(user),
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
