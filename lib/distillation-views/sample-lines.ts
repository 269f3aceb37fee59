// The log lines behind an account's figures, a page at a time, each with its line number in the
// source file and the evidence item it came from (so a finding can be checked against the file).
import type { Tx } from "@/lib/db/client";
import { frag, join } from "@/lib/db/sql-fragment";
import { isoOf, num, queryOn, scopeWhere, type ViewScope } from "@/lib/distillation-views/view-scope";

export const SAMPLE_PROMPT_CHARS = 300;

export type SampleLine = {
  caseNumber: string;
  evidenceId: string;
  fileName: string;
  line: number;
  ts: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  ip: string | null;
  apiKeyId: string | null;
  userAgent: string | null;
  /** The prompt cut to SAMPLE_PROMPT_CHARS; null when withheld (then promptHash is the log's hash). */
  prompt: string | null;
  promptHash: string | null;
};

export type SampleLinePage = { items: SampleLine[]; total: number; page: number; pageSize: number };

type Row = Omit<SampleLine, "ts" | "line" | "promptTokens" | "completionTokens"> & { ts: unknown; line: unknown; promptTokens: unknown; completionTokens: unknown };

export async function getSampleLines(client: Tx, scope: ViewScope, paging: { page: number; pageSize: number }): Promise<SampleLinePage> {
  const where = scopeWhere(scope);
  const [{ n }] = await queryOn<{ n: unknown }>(client, join([frag(`SELECT COUNT(*) AS "n" FROM "ApiRequest" a WHERE `), where], ""));
  const rows = await queryOn<Row>(
    client,
    join(
      [
        frag(
          `SELECT k."number" AS "caseNumber", e."id" AS "evidenceId", e."originalFilename" AS "fileName", a."line" AS "line", a."ts" AS "ts", a."model" AS "model",
                  a."promptTokens" AS "promptTokens", a."completionTokens" AS "completionTokens", a."ip" AS "ip", a."apiKeyId" AS "apiKeyId",
                  a."userAgent" AS "userAgent", SUBSTR(a."prompt", 1, ${SAMPLE_PROMPT_CHARS}) AS "prompt", a."promptHash" AS "promptHash"
             FROM "ApiRequest" a JOIN "IngestRun" r ON r."id" = a."runId" JOIN "Evidence" e ON e."id" = r."evidenceId"
             JOIN "Case" k ON k."id" = a."caseId" WHERE `,
        ),
        where,
        frag(` ORDER BY a."ts", a."runId", a."line" LIMIT ? OFFSET ?`, paging.pageSize, (paging.page - 1) * paging.pageSize),
      ],
      "",
    ),
  );
  return {
    items: rows.map((r) => ({ ...r, ts: isoOf(r.ts), line: num(r.line), promptTokens: num(r.promptTokens), completionTokens: num(r.completionTokens) })),
    total: num(n),
    page: paging.page,
    pageSize: paging.pageSize,
  };
}
