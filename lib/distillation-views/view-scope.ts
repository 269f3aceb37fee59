// Which log rows a view counts: only rows of COMPLETED ingest runs that no later run replaced
// (a half-ingested log never shows), either of one case or of one account across the cases the
// viewer may see. Conditions on "ApiRequest" aliased `a`.
import type { Actor } from "@/lib/access/actor";
import { visibleCasesSql } from "@/lib/access/case-access";
import type { Tx } from "@/lib/db/client";
import { dbProvider } from "@/lib/db/client";
import { frag, join, render, type Fragment } from "@/lib/db/sql-fragment";

export type ViewScope =
  /** One case's rows; `accountId` narrows them to one account. */
  | { kind: "case"; caseId: string; accountId?: string }
  /** One account's rows on the cases `actor` may see. */
  | { kind: "account"; accountId: string; actor: Actor };

export const COMPLETED_RUN = `r."state" = 'COMPLETED' AND r."replacedAt" IS NULL`;

/** The WHERE conditions (joined by AND) selecting the scope's rows of "ApiRequest" a. */
export function scopeWhere(scope: ViewScope): Fragment {
  if (scope.kind === "case") {
    const parts = [
      frag(`a."caseId" = ?`, scope.caseId),
      frag(`a."runId" IN (SELECT r."id" FROM "IngestRun" r WHERE r."caseId" = ? AND ${COMPLETED_RUN})`, scope.caseId),
    ];
    if (scope.accountId) parts.push(frag(`a."accountId" = ?`, scope.accountId));
    return join(parts, " AND ");
  }
  // The case list first, so the (caseId, accountId, ts) index serves each visible case.
  const runs = join(
    [frag(`SELECT r."id" FROM "IngestRun" r JOIN "Case" c ON c."id" = r."caseId" WHERE ${COMPLETED_RUN}`), ...visibleCasesSql(scope.actor).map((f) => join([frag(" AND "), f], ""))],
    "",
  );
  const cases = join(
    [frag(`SELECT r."caseId" FROM "IngestRun" r JOIN "Case" c ON c."id" = r."caseId" WHERE ${COMPLETED_RUN}`), ...visibleCasesSql(scope.actor).map((f) => join([frag(" AND "), f], ""))],
    "",
  );
  return join([frag(`a."accountId" = ?`, scope.accountId), join([frag(`a."caseId" IN (`), cases, frag(")")], ""), join([frag(`a."runId" IN (`), runs, frag(")")], "")], " AND ");
}

/** Runs a hand-built query on `client` (the database or a transaction). */
export function queryOn<T>(client: Tx, f: Fragment): Promise<T[]> {
  return client.$queryRawUnsafe<T[]>(...render(f, dbProvider()));
}

/** Counts come back as BigInt from SQLite and PostgreSQL alike; the views want numbers. */
export const num = (v: unknown): number => (v == null ? 0 : Number(v));

/** A DateTime read by a raw query: ISO text on SQLite, a Date on PostgreSQL. */
export const isoOf = (v: unknown): string => new Date(v as string | Date).toISOString();
