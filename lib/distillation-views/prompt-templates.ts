// The most reused prompt templates: rows grouped by their SimHash (prompts whose normalized text
// has the same fingerprint: the same template with other numbers, spacing or case) or, when the
// text was withheld, by the prompt hash the log gave. Text is cut to TEMPLATE_TEXT_CHARS in SQL.
import type { Tx } from "@/lib/db/client";
import { frag, join } from "@/lib/db/sql-fragment";
import { num, queryOn, scopeWhere, type ViewScope } from "@/lib/distillation-views/view-scope";

export const TEMPLATE_TEXT_CHARS = 160;

/** `text` is a sample of the template (null when withheld: show `hash`, the log's prompt_hash). */
export type PromptTemplate = { key: string; requests: number; accounts: number; text: string | null; hash: string | null; withheld: boolean };

export async function getTopPromptTemplates(client: Tx, scope: ViewScope, limit: number): Promise<PromptTemplate[]> {
  const group = `COALESCE(a."promptSimhash", a."promptKey")`;
  const rows = await queryOn<{ g: string; n: unknown; accounts: unknown; sample: string | null; pk: string | null }>(
    client,
    join(
      [
        frag(
          `SELECT ${group} AS "g", COUNT(*) AS "n", COUNT(DISTINCT a."accountId") AS "accounts",
                  SUBSTR(MIN(a."prompt"), 1, ${TEMPLATE_TEXT_CHARS}) AS "sample", MIN(a."promptKey") AS "pk"
             FROM "ApiRequest" a WHERE ${group} IS NOT NULL AND `,
        ),
        scopeWhere(scope),
        frag(` GROUP BY ${group} ORDER BY COUNT(*) DESC, ${group} LIMIT ?`, limit),
      ],
      "",
    ),
  );
  return rows.map((r) => ({
    key: r.g,
    requests: num(r.n),
    accounts: num(r.accounts),
    text: r.sample,
    hash: r.sample == null ? r.pk : null,
    withheld: r.sample == null,
  }));
}
