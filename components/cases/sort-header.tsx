// A column header that sorts the list on the server: a link that sets sort and order.
import Link from "next/link";
import { hrefWith } from "@/components/url";

type Props = {
  label: string;
  sortKey: string;
  params: Record<string, string>;
  /** The order a first click on this column asks for. */
  firstOrder?: "asc" | "desc";
  basePath?: string;
};

export function SortHeader({ label, sortKey, params, firstOrder = "desc", basePath = "/cases" }: Props) {
  const sort = params.sort ?? "updated";
  const order = params.order ?? "desc";
  const active = sort === sortKey;
  const next = active ? (order === "asc" ? "desc" : "asc") : firstOrder;
  const href = hrefWith(basePath, params, { sort: sortKey, order: next, page: undefined });
  return (
    <th scope="col" aria-sort={active ? (order === "asc" ? "ascending" : "descending") : undefined} className="px-3 py-2 text-left font-medium">
      <Link href={href} className="inline-flex items-center gap-1 hover:underline">
        {label}
        <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-300"}>
          {active && order === "asc" ? "▲" : "▼"}
        </span>
        {active && <span className="sr-only">, sorted {order === "asc" ? "ascending" : "descending"}</span>}
      </Link>
    </th>
  );
}
