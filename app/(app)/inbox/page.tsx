import type { Metadata } from "next";
import Link from "next/link";
import { Badge, type Tone } from "@/components/badge";
import { formatDateTime } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { hrefWith, positiveInt, type SearchParams } from "@/components/url";
import { requireUser } from "@/lib/auth/current-user";
import type { NotificationKind } from "@/lib/generated/sqlite/enums";
import { countUnread, listNotifications } from "@/lib/notifications/inbox";
import { markReadAction } from "./actions";

export const metadata: Metadata = { title: "Inbox" };

const KIND: Record<NotificationKind, { label: string; tone: Tone }> = {
  ACTION_PROPOSED: { label: "Awaits you", tone: "blue" },
  ACTION_APPROVED: { label: "Approved", tone: "emerald" },
  ACTION_REJECTED: { label: "Rejected", tone: "orange" },
  REVIEW_DUE_SOON: { label: "Due soon", tone: "amber" },
  REVIEW_OVERDUE: { label: "Overdue", tone: "red" },
  CASE_MEMBER_ADDED: { label: "Added to case", tone: "violet" },
};

const buttonClass = "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50";

export default async function InboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  const sp = await searchParams;
  const unreadOnly = sp.unread === "1";
  const page = positiveInt(sp.page);
  const [list, unread] = await Promise.all([listNotifications(actor, { page, pageSize: 25, unread: unreadOnly }), countUnread(actor)]);
  const params: Record<string, string> = unreadOnly ? { unread: "1" } : {};
  return (
    <>
      <PageHeader
        title="Inbox"
        description={unread === 0 ? "Nothing unread." : `${unread} unread`}
        actions={
          unread > 0 && (
            <form action={markReadAction}>
              <input type="hidden" name="id" value="all" />
              <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">Mark all as read</button>
            </form>
          )
        }
      />
      <nav aria-label="Inbox filter" className="mb-4 flex gap-2 text-sm">
        <Link href="/inbox" aria-current={!unreadOnly ? "page" : undefined} className={!unreadOnly ? "font-semibold" : "text-slate-600 hover:underline"}>All</Link>
        <span aria-hidden="true">·</span>
        <Link href={hrefWith("/inbox", { unread: "1" })} aria-current={unreadOnly ? "page" : undefined} className={unreadOnly ? "font-semibold" : "text-slate-600 hover:underline"}>Unread</Link>
      </nav>
      {list.items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No notifications.</p>
      ) : (
        <ul aria-label="Notifications" className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {list.items.map((n) => (
            <li key={n.id} className={`flex items-start justify-between gap-4 px-4 py-3 ${n.readAt ? "" : "bg-blue-50/40"}`}>
              <div className="min-w-0">
                <div className="flex items-center gap-2">
                  <Badge tone={KIND[n.kind].tone}>{KIND[n.kind].label}</Badge>
                  {!n.readAt && <span className="text-xs font-semibold text-blue-700">Unread</span>}
                </div>
                <p className={`mt-1 text-sm ${n.readAt ? "text-slate-700" : "font-medium"}`}>
                  {n.link ? <Link href={n.link} className="hover:underline">{n.title}</Link> : n.title}
                </p>
                <p className="text-xs text-slate-500">{formatDateTime(n.createdAt)}</p>
              </div>
              {!n.readAt && (
                <form action={markReadAction}>
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className={buttonClass}>Mark as read</button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pagination basePath="/inbox" params={params} page={list.page} pageSize={list.pageSize} total={list.total} label="Inbox pages" />
    </>
  );
}
