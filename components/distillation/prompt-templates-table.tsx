// The most reused prompt templates: a sample of the text (cut short), or the log's hash when the
// text was withheld, with how many requests and accounts used it.
import { DataTable } from "@/components/data-table";
import { formatCount } from "@/components/format";
import { Panel } from "@/components/panel";
import type { PromptTemplate } from "@/lib/distillation-views/prompt-templates";

export function PromptTemplatesTable({ templates, total }: { templates: PromptTemplate[]; total: number }) {
  const th = "px-3 py-2 text-left font-medium";
  return (
    <Panel title="Top prompt templates">
      {templates.length === 0 ? (
        <p className="text-sm text-slate-600">No prompt text or prompt hash in these logs.</p>
      ) : (
        <DataTable caption="Top prompt templates by requests" shadow={false} head={<>
          <th scope="col" className={th}>Template</th>
          <th scope="col" className={`${th} text-right`}>Requests</th>
          <th scope="col" className={`${th} text-right`}>Share</th>
          <th scope="col" className={`${th} text-right`}>Accounts</th>
        </>}>
          {templates.map((t) => (
            <tr key={t.key}>
              <td className="max-w-md px-3 py-2">
                {t.withheld ? (
                  <span>
                    <span className="text-xs text-slate-500">withheld · hash </span>
                    <code className="break-all text-xs">{t.hash}</code>
                  </span>
                ) : (
                  <span className="line-clamp-2 break-words" title={t.text ?? ""}>{t.text}</span>
                )}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{formatCount(t.requests)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{total > 0 ? `${((100 * t.requests) / total).toFixed(1)} %` : "—"}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatCount(t.accounts)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="mt-2 text-xs text-slate-500">Prompts are grouped by a SimHash of their normalized text (case, spacing and numbers ignored); withheld prompts by the hash the log gives.</p>
    </Panel>
  );
}
