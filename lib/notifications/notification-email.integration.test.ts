// Email through SMTP against a server this test runs on loopback (smtp-server): with
// LANTERN_SMTP_URL set, every notification becomes one email, sent by a job, once.
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runDueJobs } from "@/lib/jobs/job-worker";
import { notify } from "@/lib/notifications/notify";
import { scanReviewReminders } from "@/lib/notifications/review-reminders";
import { sendNotificationEmail } from "@/lib/notifications/send-notification-email";
import { registerAppJobHandlers } from "@/lib/worker/register-job-handlers";
import { createCase, createUser } from "@/test/factories";

type Mail = { from: string; to: string[]; raw: string };
const mails: Mail[] = [];
let smtp: SMTPServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  const { port } = smtp.server.address() as { port: number };
  // Before the first env() read of this test file's process.
  process.env.LANTERN_SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.LANTERN_MAIL_FROM = "Lantern Test <lantern@test.example>";
  process.env.NEXTAUTH_URL = "https://lantern.example.org";
  registerAppJobHandlers();
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("notification email", () => {
  it("sends one email per notification through SMTP, from a job, and never twice", async () => {
    const user = await createUser({ email: "reviewer@test.example", name: "Rita Reviewer" });
    const [id] = await db().$transaction((tx) =>
      notify(tx, { userIds: [user.id], kind: "ACTION_PROPOSED", title: "A revocation awaits your approval", link: "/actions/abc" }),
    );
    expect(await db().job.count({ where: { type: "notification.email", status: "QUEUED" } })).toBe(1);
    expect(mails).toHaveLength(0); // nothing is sent inside the transaction
    await runDueJobs();
    expect(mails).toHaveLength(1);
    expect(mails[0].from).toBe("lantern@test.example");
    expect(mails[0].to).toEqual(["reviewer@test.example"]);
    expect(mails[0].raw).toContain("Subject: [Lantern] A revocation awaits your approval");
    expect(mails[0].raw).toContain("https://lantern.example.org/actions/abc");
    expect(mails[0].raw).toContain(`X-Lantern-Notification: ${id}`);
    expect((await db().notification.findUniqueOrThrow({ where: { id } })).emailedAt).not.toBeNull();
    // The job running again (a crash before it was marked done) finds it sent.
    await sendNotificationEmail({ notificationId: id });
    expect(mails).toHaveLength(1);
  });

  it("emails a review reminder once, however often the scan runs", async () => {
    mails.length = 0;
    const proposer = await createUser({ email: "proposer@test.example" });
    const c = await createCase(proposer, { restricted: true });
    await runDueJobs();
    mails.length = 0;
    await db().action.create({
      data: { caseId: c.id, type: "NATIONAL_SECURITY_REVIEW", status: "UNDER_REVIEW", open: true, proposedById: proposer.id, dueAt: new Date(Date.now() - 60_000) },
    });
    await scanReviewReminders();
    await scanReviewReminders();
    await runDueJobs();
    expect(mails.map((m) => m.to)).toEqual([["proposer@test.example"]]);
    expect(mails[0].raw).toMatch(/Subject: \[Lantern\] National-security review on LAN-R-\d{4}-\d+ is\s+overdue/);
  });
});
