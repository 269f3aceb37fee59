// The notification.email job: one email per notification through LANTERN_SMTP_URL, marked as sent
// on the notification (a rerun after a crash between sending and marking sends it again: SMTP has
// no delivery id; a duplicate email is the lesser harm than a lost one).
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { PermanentJobError } from "@/lib/jobs/job-handlers";

const holder = globalThis as unknown as { lanternMail?: { url: string; transport: Transporter } };

function transport(url: string): Transporter {
  if (holder.lanternMail?.url !== url) holder.lanternMail = { url, transport: nodemailer.createTransport(url) };
  return holder.lanternMail.transport;
}

export async function sendNotificationEmail(payload: unknown): Promise<void> {
  const id = (payload as { notificationId?: unknown })?.notificationId;
  if (typeof id !== "string") throw new PermanentJobError("notification.email without a notificationId");
  const e = env();
  if (!e.LANTERN_SMTP_URL) throw new PermanentJobError("LANTERN_SMTP_URL is not set");
  const n = await db().notification.findUnique({ where: { id } });
  if (!n) throw new PermanentJobError(`notification ${id} does not exist`);
  if (n.emailedAt) return;
  const user = await db().user.findUnique({ where: { id: n.userId }, select: { email: true, name: true, disabledAt: true } });
  if (!user || user.disabledAt) throw new PermanentJobError("the recipient is gone or disabled");
  const url = n.link ? (e.NEXTAUTH_URL ? new URL(n.link, e.NEXTAUTH_URL).toString() : n.link) : null;
  await transport(e.LANTERN_SMTP_URL).sendMail({
    from: e.LANTERN_MAIL_FROM,
    to: { name: user.name, address: user.email },
    subject: `[Lantern] ${n.title}`,
    text: `${n.title}\n${url ? `\n${url}\n` : ""}\nYou receive this because you use Lantern. Your inbox in the app has every notification.\n`,
    headers: { "X-Lantern-Notification": n.id },
  });
  await db().notification.update({ where: { id }, data: { emailedAt: new Date() } });
}
