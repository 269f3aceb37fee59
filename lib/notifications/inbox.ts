// A user's own inbox: newest first, unread count for the navigation, mark as read (one or all).
import type { Actor, RequestContext } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import type { NotificationKind } from "@/lib/generated/sqlite/enums";

export type NotificationView = { id: string; kind: NotificationKind; title: string; link: string | null; readAt: Date | null; createdAt: Date };

export async function listNotifications(actor: Actor, query: { page?: number; pageSize?: number; unread?: boolean } = {}) {
  const pageSize = Math.min(Math.max(query.pageSize ?? 25, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const where = { userId: actor.id, ...(query.unread ? { readAt: null } : {}) };
  const [items, total] = await Promise.all([
    db().notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, kind: true, title: true, link: true, readAt: true, createdAt: true },
    }),
    db().notification.count({ where }),
  ]);
  return { items: items as NotificationView[], total, page, pageSize };
}

export function countUnread(actor: Actor): Promise<number> {
  return db().notification.count({ where: { userId: actor.id, readAt: null } });
}

/** Marks the actor's own notifications read (the given ids, or all); others' ids are ignored. */
export async function markNotificationsRead(ctx: RequestContext, ids: readonly string[] | "all"): Promise<number> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { userId: ctx.actor.id, readAt: null, ...(ids === "all" ? {} : { id: { in: [...ids] } }) },
      data: { readAt: new Date() },
    });
    if (count > 0) {
      await appendAuditEvent(tx, auditContextOf(ctx), {
        action: "notification.read",
        entityType: "Notification",
        entityId: ids === "all" || ids.length !== 1 ? null : ids[0],
        changes: { count: { after: count }, ...(ids === "all" ? { all: { after: true } } : {}) },
      });
    }
    return count;
  });
}
