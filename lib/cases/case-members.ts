import type { Tx } from "@/lib/db/client";
import { invalidInput } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";

/** Leads and members must be existing, active users who may work cases (not auditors). */
export async function assertAssignableUsers(tx: Tx, userIds: string[], field = "memberIds"): Promise<void> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return;
  const found = await tx.user.findMany({
    where: { id: { in: ids }, disabledAt: null, role: { not: "AUDITOR" } },
    select: { id: true },
  });
  if (found.length !== ids.length) {
    const ok = new Set(found.map((u) => u.id));
    const missing = ids.filter((id) => !ok.has(id));
    throw invalidInput(`Unknown, disabled or auditor user(s): ${missing.join(", ")}`, {
      [field]: [`cannot assign ${missing.join(", ")}`],
    });
  }
}

/** Adds members, copying the case's restricted flag onto each membership (see the schema), and
 *  tells each new member in their inbox (not `addedBy`, who did it). */
export async function addMembers(tx: Tx, c: { id: string; restricted: boolean }, userIds: string[], addedBy?: string): Promise<void> {
  if (!userIds.length) return;
  await tx.caseMember.createMany({ data: userIds.map((userId) => ({ caseId: c.id, userId, caseRestricted: c.restricted })) });
  await notifyAddedToCase(tx, c.id, userIds.filter((id) => id !== addedBy));
}

/** "You were added to case LAN-…" in each user's inbox (and email when SMTP is configured). */
export async function notifyAddedToCase(tx: Tx, caseId: string, userIds: string[], known?: { number: string; title: string }): Promise<void> {
  if (!userIds.length) return;
  const c = known ?? (await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { number: true, title: true } }));
  await notify(tx, { userIds, kind: "CASE_MEMBER_ADDED", title: `You were added to case ${c.number}: ${c.title}`, link: `/cases/${c.number}` });
}

/** Keeps the memberships' copy of the flag in step when a case's restriction changes. */
export async function syncMembersRestricted(tx: Tx, caseId: string, restricted: boolean): Promise<void> {
  await tx.caseMember.updateMany({ where: { caseId }, data: { caseRestricted: restricted } });
}
