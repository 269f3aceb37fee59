// Notifications into users' inboxes, written in the caller's transaction (so a rolled-back
// transition notifies nobody), and an email job per notification when SMTP is configured. With a
// dedupeKey, each user gets it once ever, however often it is asked for (review reminders).
import { dbProvider, type Tx } from "@/lib/db/client";
import { newId } from "@/lib/db/bulk-insert";
import { env } from "@/lib/env";
import type { NotificationKind } from "@/lib/generated/sqlite/enums";
import { enqueueJob } from "@/lib/jobs/enqueue-job";

export const EMAIL_JOB = "notification.email";

export type NotifyInput = {
  userIds: readonly string[];
  kind: NotificationKind;
  title: string;
  /** An app path such as /actions/{id}. */
  link?: string;
  /** Once per user per key, ever. */
  dedupeKey?: string;
};

/** Returns the ids of the notifications created (none for users who already had the dedupeKey). */
export async function notify(tx: Tx, input: NotifyInput): Promise<string[]> {
  const created: string[] = [];
  const now = new Date();
  for (const userId of new Set(input.userIds)) {
    const id = newId();
    const key = input.dedupeKey ? `${input.dedupeKey}:${userId}` : null;
    const pg = dbProvider() === "postgresql";
    const sql = pg
      ? `INSERT INTO "Notification" ("id", "userId", "kind", "title", "link", "dedupeKey", "createdAt")
         VALUES ($1, $2, CAST($3 AS "NotificationKind"), $4, $5, $6, $7::timestamp(3)) ON CONFLICT ("dedupeKey") DO NOTHING`
      : `INSERT INTO "Notification" ("id", "userId", "kind", "title", "link", "dedupeKey", "createdAt")
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("dedupeKey") DO NOTHING`;
    const time = pg ? now.toISOString() : now.toISOString().replace("Z", "+00:00");
    const n = await tx.$executeRawUnsafe(sql, id, userId, input.kind, input.title.slice(0, 300), input.link ?? null, key, time);
    if (n === 1) created.push(id);
  }
  if (env().LANTERN_SMTP_URL) {
    for (const id of created) await enqueueJob(tx, { type: EMAIL_JOB, payload: { notificationId: id }, dedupeKey: `email:${id}`, maxAttempts: 8 });
  }
  return created;
}
