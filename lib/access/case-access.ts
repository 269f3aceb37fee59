// Access-scoped case queries. Every read or write of a case goes through requireCase(), and every
// case list starts from visibleCasesWhere(); both defer to the pure policy in case-policy.ts.
// lib/access sits below every aggregate (cases, accounts, links, audit, users, actions): they all
// import it and it imports none of them (lib/architecture.test.ts keeps it so).
import type { Actor } from "@/lib/access/actor";
import { can } from "@/lib/access/permissions";
import type { Tx } from "@/lib/db/client";
import { frag, type Fragment } from "@/lib/db/sql-fragment";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { CLOSED_CASE_MESSAGE, decideCase, isClosedTo, type CaseOperation } from "@/lib/access/case-policy";

export function visibleCasesWhere(actor: Actor): Prisma.CaseWhereInput {
  if (can(actor.role, "case:restricted:all")) return {};
  return { OR: [{ restricted: false }, { members: { some: { userId: actor.id } } }] };
}

/** visibleCasesWhere() as conditions on the case aliased `c`, for the hand-built queries (none
 *  when the role sees every case). A restricted case's memberships carry caseRestricted = TRUE
 *  (lib/cases/case-members.ts keeps it in step), so the membership test reads only the actor's
 *  restricted memberships: PostgreSQL hashes them once per query, a few hundred rows instead of all
 *  of the actor's memberships (decision 0021). */
export function visibleCasesSql(actor: Actor): Fragment[] {
  if (can(actor.role, "case:restricted:all")) return [];
  return [
    frag(
      `(c."restricted" = FALSE OR EXISTS (SELECT 1 FROM "CaseMember" m WHERE m."caseId" = c."id" AND m."userId" = ? AND m."caseRestricted" = TRUE))`,
      actor.id,
    ),
  ];
}

const CASE_NUMBER = /^LAN-(R-)?\d{4}-\d{4,}$/;

/** A case is addressed by its id or its human number (LAN-2026-0001, or LAN-R-2026-0001 if created restricted). */
export function caseKey(idOrNumber: string): Prisma.CaseWhereUniqueInput {
  return CASE_NUMBER.test(idOrNumber) ? { number: idOrNumber } : { id: idOrNumber };
}

const accessSelect = {
  id: true,
  number: true,
  restricted: true,
  status: true,
  version: true,
} as const;

export type CaseAccessRow = { id: string; number: string; restricted: boolean; status: string; version: number };

export async function requireCase(
  tx: Tx,
  actor: Actor,
  idOrNumber: string,
  op: CaseOperation,
): Promise<CaseAccessRow> {
  const row = await tx.case.findUnique({
    where: caseKey(idOrNumber),
    select: { ...accessSelect, members: { where: { userId: actor.id }, select: { userId: true } } },
  });
  if (!row) throw notFound("Case not found");
  const decision = decideCase(actor, { restricted: row.restricted, isMember: row.members.length > 0 }, op);
  if (decision === "notFound") throw notFound("Case not found");
  if (decision === "forbidden") throw forbidden(forbiddenMessage(op));
  if (isClosedTo(row.status, op)) throw new AppError("CONFLICT", CLOSED_CASE_MESSAGE);
  const { members: _members, ...rest } = row;
  return rest;
}

function forbiddenMessage(op: CaseOperation): string {
  switch (op) {
    case "reopen":
      return "Only a manager or admin can reopen a closed case";
    case "assign":
      return "Only a manager or admin can change the lead and members";
    case "addNote":
      return "Only members of this case can add notes";
    default:
      return "Only members of this case, managers and admins can change it";
  }
}
