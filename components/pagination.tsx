// Server-side pagination: "Showing 1–25 of N" with Previous/Next links that keep the other parameters.
import Link from "next/link";
import { formatCount } from "@/components/format";
import { hrefWith } from "@/components/url";

type Props = {
  basePath: string;
  params: Record<string, string>;
  page: number;
  pageSize: number;
  total: number;
  /** The query parameter holding the page number ("page", or "notesPage" for a second list). */
  pageParam?: string;
  label?: string;
};

const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50";
const disabledClass = "rounded-md border border-slate-200 px-3 py-1 text-sm text-slate-500";

export function Pagination({ basePath, params, page, pageSize, total, pageParam = "page", label = "Pagination" }: Props) {
  const first = total === 0 ? 0 : Math.min((page - 1) * pageSize + 1, total + 1);
  const last = Math.min(page * pageSize, total);
  const hasPrev = page > 1;
  const hasNext = page * pageSize < total;
  const href = (p: number) => hrefWith(basePath, params, { [pageParam]: p === 1 ? undefined : String(p) });
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-4 text-sm text-slate-600">
      <p>
        {first > total ? `Page ${page} is past the end of ${formatCount(total)}` : `Showing ${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}`}
      </p>
      <div className="flex gap-2">
        {hasPrev ? (
          <Link href={href(Math.min(page - 1, Math.max(1, Math.ceil(total / pageSize))))} rel="prev" className={linkClass}>
            Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={disabledClass}>Previous</span>
        )}
        {hasNext ? (
          <Link href={href(page + 1)} rel="next" className={linkClass}>
            Next
          </Link>
        ) : (
          <span aria-disabled="true" className={disabledClass}>Next</span>
        )}
      </div>
    </nav>
  );
}

type SubListProps = {
  basePath: string;
  /** The page as the lib list functions return it. */
  list: { page: number; pageSize: number; total: number };
  pageParam: string;
  label: string;
};

/** Paging for a second list on a detail page (notes, evidence, custody): shown only when it has
 *  more than one page; its own parameter alone, so the page's main subject stays put. */
export function SubListPagination({ basePath, list, pageParam, label }: SubListProps) {
  if (list.total <= list.pageSize) return null;
  return (
    <Pagination
      basePath={basePath}
      params={list.page > 1 ? { [pageParam]: String(list.page) } : {}}
      page={list.page}
      pageSize={list.pageSize}
      total={list.total}
      pageParam={pageParam}
      label={label}
    />
  );
}
