// Actions lists: a case's actions, the queues of the Actions page, and the counts in the navigation.
// Every list starts from the cases the reader may see.
import type { Actor } from "@/lib/access/actor";
import { caseKey, visibleCasesWhere } from "@/lib/access/case-access";
import { can } from "@/lib/access/permissions";
import { decideCase } from "@/lib/access/case-policy";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { parseInput, ZPageQuery } from "@/lib/validation";
import { ZListActionsQuery, type ActionFilters, type ActionQueue } from "@/lib/actions/action-schemas";
import { actionSummarySelect, toActionSummary, type ActionSummary } from "@/lib/actions/action-view";

export type ActionPage = { items: ActionSummary[]; total: number; page: number; pageSize: number };

const DAY = 24 * 60 * 60 * 1000;

/** The `where` of a queue for this reader (`now` fixed by the caller so counts and pages agree). */
export function queueWhere(actor: Actor, queue: ActionQueue | undefined, now: Date): Prisma.ActionWhereInput {
  const visible: Prisma.ActionWhereInput = { case: visibleCasesWhere(actor) };
  switch (queue) {
    case "awaiting-approval":
      // Only those who may decide have anything awaiting them, and never their own proposals.
      if (!can(actor.role, "action:approve")) return { id: { in: [] } };
      return { ...visible, type: "ACCESS_REVOCATION", status: "PROPOSED", proposedById: { not: actor.id } };
    case "mine":
      return { ...visible, proposedById: actor.id, open: true };
    case "overdue":
      return { ...visible, open: true, dueAt: { lt: now } };
    case "due-soon":
      return { ...visible, open: true, dueAt: { gte: now, lt: new Date(now.getTime() + 7 * DAY) } };
    default:
      return visible;
  }
}

/** The list's filters (type, status, the case's severity, tag and lead, when created) as a `where`. */
export function actionFilterWhere(f: ActionFilters): Prisma.ActionWhereInput {
  const and: Prisma.ActionWhereInput[] = [];
  if (f.type) and.push({ type: f.type });
  if (f.status?.length) and.push({ status: { in: f.status } });
  if (f.severity?.length) and.push({ case: { severity: { in: f.severity } } });
  if (f.tag) and.push({ case: { tags: { some: { tag: f.tag } } } });
  if (f.leadId) and.push({ case: { leadId: f.leadId === "none" ? null : f.leadId } });
  if (f.createdFrom) and.push({ createdAt: { gte: f.createdFrom } });
  if (f.createdTo) and.push({ createdAt: { lt: f.createdTo } });
  if (f.member) and.push({ case: { members: { some: { userId: f.member } } } });
  return and.length ? { AND: and } : {};
}

export async function listActions(actor: Actor, query: unknown): Promise<ActionPage> {
  const { queue, page, pageSize, ...filters } = parseInput(ZListActionsQuery, query);
  const where: Prisma.ActionWhereInput = { AND: [queueWhere(actor, queue, new Date()), actionFilterWhere(filters)] };
  const dueFirst = queue === "overdue" || queue === "due-soon";
  const [rows, total] = await Promise.all([
    db().action.findMany({
      where,
      select: actionSummarySelect,
      orderBy: dueFirst ? [{ dueAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db().action.count({ where }),
  ]);
  return { items: rows.map(toActionSummary), total, page, pageSize };
}

/** The actions of a case, newest first (404 for a case the reader may not see). */
export async function listCaseActions(actor: Actor, caseIdOrNumber: string, query: unknown = {}): Promise<ActionPage> {
  const { page, pageSize } = parseInput(ZPageQuery, query);
  const c = await db().case.findUnique({
    where: caseKey(caseIdOrNumber),
    select: { id: true, restricted: true, members: { where: { userId: actor.id }, select: { userId: true } } },
  });
  if (!c || decideCase(actor, { restricted: c.restricted, isMember: c.members.length > 0 }, "read") !== "allow") throw notFound("Case not found");
  const where = { caseId: c.id };
  const [rows, total] = await Promise.all([
    db().action.findMany({ where, select: actionSummarySelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db().action.count({ where }),
  ]);
  return { items: rows.map(toActionSummary), total, page, pageSize };
}

/** The counts shown in the navigation: awaiting my approval, and overdue. */
export async function countActionQueues(actor: Actor): Promise<{ awaitingApproval: number; overdue: number }> {
  const now = new Date();
  const [awaitingApproval, overdue] = await Promise.all([
    db().action.count({ where: queueWhere(actor, "awaiting-approval", now) }),
    db().action.count({ where: queueWhere(actor, "overdue", now) }),
  ]);
  return { awaitingApproval, overdue };
}

export type CaseActionEvent = { id: string; at: string; actionId: string; actionType: string; actor: { id: string; name: string } | null; from: string | null; to: string; comment: string };

/** The latest moves of all of a case's actions, newest first: the timeline on the case page. */
export async function listCaseActionEvents(actor: Actor, caseId: string, take = 50): Promise<CaseActionEvent[]> {
  await listCaseActions(actor, caseId, { pageSize: "1" }); // 404 for a hidden case
  const rows = await db().actionEvent.findMany({
    where: { action: { case: caseKey(caseId) } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
    select: { id: true, at: true, fromStatus: true, toStatus: true, comment: true, actionId: true, action: { select: { type: true } }, actor: { select: { id: true, name: true } } },
  });
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actionId: r.actionId, actionType: r.action.type, actor: r.actor, from: r.fromStatus, to: r.toStatus, comment: r.comment }));
}
