// A page of the log lines behind an account's figures: where each came from (file and line
// number, so it can be found in the evidence) and what it asked.
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { formatAddress, formatCount, formatDateTime } from "@/components/format";
import { linkClass } from "@/components/form-styles";
import { Pagination } from "@/components/pagination";
import type { SampleLinePage } from "@/lib/distillation-views/sample-lines";

type Props = {
  lines: SampleLinePage;
  /** Where the pager links to, with the parameters to keep. */
  basePath: string;
  params: Record<string, string>;
  showCase?: boolean;
};

export function SampleLinesTable({ lines, basePath, params, showCase = false }: Props) {
  const th = "px-3 py-2 text-left font-medium whitespace-nowrap";
  const td = "px-3 py-2 align-top";
  return (
    <>
      <DataTable caption="Log lines of this account, oldest first" shadow={false} head={<>
        <th scope="col" className={th}>Source line</th>
        {showCase && <th scope="col" className={th}>Case</th>}
        <th scope="col" className={th}>Time</th>
        <th scope="col" className={th}>Model</th>
        <th scope="col" className={`${th} text-right`}>Tokens in / out</th>
        <th scope="col" className={th}>IP · API key</th>
        <th scope="col" className={th}>Prompt</th>
      </>}>
        {lines.items.map((l) => (
          <tr key={`${l.evidenceId}:${l.line}`}>
            <td className={`${td} whitespace-nowrap`}>
              <Link href={`/evidence/${l.evidenceId}`} className={linkClass} title={l.fileName}>
                <span className="inline-block max-w-40 truncate align-bottom">{l.fileName}</span>
              </Link>
              <span className="tabular-nums">:{l.line}</span>
            </td>
            {showCase && <td className={`${td} whitespace-nowrap`}>{l.caseNumber}</td>}
            <td className={`${td} whitespace-nowrap tabular-nums`}>{formatDateTime(l.ts)}</td>
            <td className={`${td} whitespace-nowrap`}>{l.model}</td>
            <td className={`${td} text-right tabular-nums whitespace-nowrap`}>
              {formatCount(l.promptTokens)} / {formatCount(l.completionTokens)}
            </td>
            <td className={`${td} text-xs`}>
              <div className="whitespace-nowrap">{formatAddress(l.ip) ?? "—"}</div>
              <div className="whitespace-nowrap text-slate-500">{l.apiKeyId ?? ""}</div>
            </td>
            <td className={`${td} min-w-48 max-w-md`}>
              {l.prompt != null ? (
                <span className="line-clamp-3 break-words">{l.prompt}</span>
              ) : (
                <span className="text-xs text-slate-500">
                  withheld{l.promptHash && <> · hash <code className="break-all">{l.promptHash}</code></>}
                </span>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination basePath={basePath} params={params} page={lines.page} pageSize={lines.pageSize} total={lines.total} pageParam="samplesPage" label="Log lines pages" />
    </>
  );
}
