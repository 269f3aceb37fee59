// Every read or move of an action goes through requireAction(): the action's case decides
// visibility (a restricted case's actions are 404 to outsiders), then the action policy decides.
import type { Actor } from "@/lib/access/actor";
import { dbProvider, type Tx } from "@/lib/db/client";
import { frag, render } from "@/lib/db/sql-fragment";
import { forbidden, notFound } from "@/lib/errors";
import type { ActionStatus, ActionType } from "@/lib/generated/sqlite/enums";
import { decideAction, forbiddenMessage, type ActionFacts, type ActionOperation } from "@/lib/actions/action-policy";

export type ActionAccessRow = {
  id: string;
  type: ActionType;
  status: ActionStatus;
  proposedById: string;
  caseId: string;
  caseNumber: string;
  facts: ActionFacts;
};

export async function loadActionAccess(tx: Tx, actor: Actor, id: string): Promise<ActionAccessRow> {
  // One statement (the ORM would take three: action, case, membership); it runs on every read and
  // move of an action.
  const rows = await tx.$queryRawUnsafe<AccessSqlRow[]>(
    ...render(
      frag(
        `SELECT a."id" AS "id", a."type" AS "type", a."status" AS "status", a."proposedById" AS "proposedById", a."caseId" AS "caseId",
                c."number" AS "caseNumber", c."restricted" AS "restricted",
                EXISTS (SELECT 1 FROM "CaseMember" m WHERE m."caseId" = a."caseId" AND m."userId" = ?) AS "isMember"
           FROM "Action" a JOIN "Case" c ON c."id" = a."caseId"
          WHERE a."id" = ?`,
        actor.id,
        id,
      ),
      dbProvider(),
    ),
  );
  const row = rows[0];
  if (!row) throw notFound("Action not found");
  // SQLite answers booleans as 0/1 (BigInt with safe integers); PostgreSQL as booleans.
  const facts = { restricted: Number(row.restricted) === 1 || row.restricted === true, isMember: Number(row.isMember) === 1 || row.isMember === true, isProposer: row.proposedById === actor.id };
  if (decideAction(actor, facts, "read") === "notFound") throw notFound("Action not found");
  return { id: row.id, type: row.type, status: row.status, proposedById: row.proposedById, caseId: row.caseId, caseNumber: row.caseNumber, facts };
}

type AccessSqlRow = { id: string; type: ActionType; status: ActionStatus; proposedById: string; caseId: string; caseNumber: string; restricted: boolean | number | bigint; isMember: boolean | number | bigint };

export function assertActionOperation(actor: Actor, access: ActionAccessRow, op: ActionOperation): void {
  const decision = decideAction(actor, access.facts, op);
  if (decision === "notFound") throw notFound("Action not found");
  if (decision === "forbidden") throw forbidden(forbiddenMessage(actor, access.facts, op));
}
