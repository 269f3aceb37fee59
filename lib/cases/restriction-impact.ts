// Who would lose sight of a case if it were restricted: everyone whose role reads any case but not
// restricted ones, unless they are a member. Said before the change, on the edit page (issue 13).
import type { Actor } from "@/lib/access/actor";
import { requireCase } from "@/lib/access/case-access";
import { ROLES } from "@/lib/access/actor";
import { can } from "@/lib/access/permissions";
import { db } from "@/lib/db/client";

export type RestrictionImpact = {
  /** Members, who keep access (admins keep it too). */
  keep: string[];
  /** How many active users who can see the case now would not. */
  loseCount: number;
  /** Of those, the ones who worked on it (notes, evidence), by name; at most 5. */
  loseContributors: string[];
};

const MAX_NAMED = 5;

export async function getRestrictionImpact(actor: Actor, caseIdOrNumber: string): Promise<RestrictionImpact> {
  const c = await requireCase(db(), actor, caseIdOrNumber, "read");
  const losingRoles = ROLES.filter((r) => can(r, "case:read:any") && !can(r, "case:restricted:all"));
  const members = await db().caseMember.findMany({ where: { caseId: c.id }, select: { user: { select: { id: true, name: true } } } });
  const memberIds = members.map((m) => m.user.id);
  const notMember = { disabledAt: null, role: { in: losingRoles }, id: { notIn: memberIds } };
  const [loseCount, contributors] = await Promise.all([
    db().user.count({ where: notMember }),
    db().user.findMany({
      where: { ...notMember, OR: [{ notes: { some: { caseId: c.id } } }, { uploads: { some: { caseId: c.id } } }] },
      select: { name: true },
      orderBy: { name: "asc" },
      take: MAX_NAMED,
    }),
  ]);
  return { keep: members.map((m) => m.user.name), loseCount, loseContributors: contributors.map((u) => u.name) };
}
