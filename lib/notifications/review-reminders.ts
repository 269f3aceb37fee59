// Reminders for national-security reviews (Action rows of lib/actions, read here directly so that
// notifications never import actions): one "due in 3 days" when an open review's due date comes
// within 3 days, one "overdue" once it has passed — to the proposer, the case lead and members.
// Once each per due date, however often the scan runs or the server restarts (notify's dedupeKey);
// a new due date reminds again.
import { db } from "@/lib/db/client";
import { notify } from "@/lib/notifications/notify";

export const REMINDER_SCAN_JOB = "reminders.scan";
export const DUE_SOON_MS = 3 * 24 * 60 * 60_000;

export async function scanReviewReminders(now = new Date()): Promise<number> {
  const reviews = await db().action.findMany({
    where: { type: "NATIONAL_SECURITY_REVIEW", open: true, dueAt: { not: null, lte: new Date(now.getTime() + DUE_SOON_MS) } },
    select: {
      id: true,
      dueAt: true,
      proposedById: true,
      referenceNumber: true,
      case: { select: { number: true, leadId: true, members: { select: { userId: true } } } },
    },
    orderBy: { dueAt: "asc" },
    take: 5_000,
  });
  let sent = 0;
  for (const r of reviews) {
    const dueAt = r.dueAt!;
    const overdue = dueAt.getTime() < now.getTime();
    const kind = overdue ? "REVIEW_OVERDUE" : "REVIEW_DUE_SOON";
    const what = `National-security review${r.referenceNumber ? ` ${r.referenceNumber}` : ""} on ${r.case.number}`;
    const userIds = [r.proposedById, ...(r.case.leadId ? [r.case.leadId] : []), ...r.case.members.map((m) => m.userId)];
    const created = await db().$transaction((tx) =>
      notify(tx, {
        userIds,
        kind,
        title: overdue ? `${what} is overdue (was due ${dueAt.toISOString().slice(0, 10)})` : `${what} is due on ${dueAt.toISOString().slice(0, 10)}`,
        link: `/actions/${r.id}`,
        dedupeKey: `reminder:${r.id}:${kind}:${dueAt.toISOString()}`,
      }),
    );
    sent += created.length;
  }
  return sent;
}
