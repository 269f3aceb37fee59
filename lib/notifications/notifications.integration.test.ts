// The inbox: notifications follow their transaction, each user sees and marks only their own,
// "added to a case" on create and assign, and review reminders once each however often the scan runs.
import { describe, expect, it } from "vitest";
import { assignCase } from "@/lib/cases/assign-case";
import { db } from "@/lib/db/client";
import { countUnread, listNotifications, markNotificationsRead } from "@/lib/notifications/inbox";
import { notify } from "@/lib/notifications/notify";
import { DUE_SOON_MS, scanReviewReminders } from "@/lib/notifications/review-reminders";
import { createCase, createUser, ctxFor } from "@/test/factories";

const DAY = 24 * 60 * 60_000;

describe("notify and the inbox", () => {
  it("writes only when the transaction commits, once per user and dedupe key", async () => {
    const a = await createUser();
    const b = await createUser();
    await expect(
      db().$transaction(async (tx) => {
        await notify(tx, { userIds: [a.id], kind: "ACTION_PROPOSED", title: "never" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await countUnread(a)).toBe(0);
    const first = await db().$transaction((tx) => notify(tx, { userIds: [a.id, b.id, a.id], kind: "ACTION_APPROVED", title: "Approved", link: "/actions/x", dedupeKey: "k1" }));
    const again = await db().$transaction((tx) => notify(tx, { userIds: [a.id, b.id], kind: "ACTION_APPROVED", title: "Approved", link: "/actions/x", dedupeKey: "k1" }));
    expect(first).toHaveLength(2);
    expect(again).toEqual([]);
    expect(await countUnread(a)).toBe(1);
    expect((await listNotifications(a)).items).toMatchObject([{ kind: "ACTION_APPROVED", title: "Approved", link: "/actions/x", readAt: null }]);
  });

  it("marks one or all of the actor's own as read, never another's, with an audit event", async () => {
    const a = await createUser();
    const b = await createUser();
    const [mine1, mine2] = [
      ...(await db().$transaction((tx) => notify(tx, { userIds: [a.id], kind: "ACTION_PROPOSED", title: "one" }))),
      ...(await db().$transaction((tx) => notify(tx, { userIds: [a.id], kind: "ACTION_REJECTED", title: "two" }))),
    ];
    const [theirs] = await db().$transaction((tx) => notify(tx, { userIds: [b.id], kind: "ACTION_PROPOSED", title: "b's" }));
    expect(await markNotificationsRead(ctxFor(a), [mine1, theirs])).toBe(1);
    expect(await countUnread(b)).toBe(1);
    expect(await countUnread(a)).toBe(1);
    expect((await listNotifications(a, { unread: true })).items.map((n) => n.id)).toEqual([mine2]);
    expect(await markNotificationsRead(ctxFor(a), "all")).toBe(1);
    expect(await countUnread(a)).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "notification.read", actorId: a.id } })).toBe(2);
  });
});

describe("added to a case", () => {
  it("tells members added at creation and by assignment, not the person who added them", async () => {
    const manager = await createUser({ role: "MANAGER" });
    const lead = await createUser();
    const later = await createUser();
    const c = await createCase(manager, { leadId: lead.id, title: "Distillation ring" });
    expect((await listNotifications(lead)).items).toMatchObject([
      { kind: "CASE_MEMBER_ADDED", title: `You were added to case ${c.number}: Distillation ring`, link: `/cases/${c.number}` },
    ]);
    expect(await countUnread(manager)).toBe(0);
    await assignCase(ctxFor(manager), c.id, { memberIds: [lead.id, later.id, manager.id] });
    expect((await listNotifications(later)).items.map((n) => n.kind)).toEqual(["CASE_MEMBER_ADDED"]);
    expect(await countUnread(lead)).toBe(1); // already a member: not told again
    expect(await countUnread(manager)).toBe(0);
  });
});

describe("review reminders", () => {
  it("sends 'due in 3 days' and 'overdue' once each to proposer, lead and members, and nothing for closed or distant reviews", async () => {
    const proposer = await createUser();
    const lead = await createUser();
    const member = await createUser();
    const c = await createCase(proposer, { leadId: lead.id, memberIds: [member.id], restricted: true });
    const now = new Date();
    const review = (dueAt: Date, open = true) =>
      db().action.create({
        data: { caseId: c.id, type: "NATIONAL_SECURITY_REVIEW", status: open ? "REFERRED" : "CONCLUDED", open, proposedById: proposer.id, dueAt, referenceNumber: "NSR-7" },
      });
    const soon = await review(new Date(now.getTime() + 2 * DAY));
    await review(new Date(now.getTime() + 10 * DAY)); // not yet
    await review(new Date(now.getTime() - DAY), false); // concluded
    await db().notification.deleteMany({});

    expect(await scanReviewReminders(now)).toBe(3);
    expect(await scanReviewReminders(now)).toBe(0); // a second scan (or a restart) sends nothing
    for (const u of [proposer, lead, member]) {
      expect((await listNotifications(u)).items).toMatchObject([{ kind: "REVIEW_DUE_SOON", link: `/actions/${soon.id}` }]);
    }
    const later = new Date(soon.dueAt!.getTime() + 60_000);
    expect(await scanReviewReminders(later)).toBe(3);
    expect(await scanReviewReminders(later)).toBe(0);
    expect((await listNotifications(member)).items.map((n) => n.kind)).toEqual(["REVIEW_OVERDUE", "REVIEW_DUE_SOON"]);
    expect((await listNotifications(member)).items[0].title).toContain("NSR-7");
    expect(DUE_SOON_MS).toBe(3 * DAY);
  });
});
