// The dashboard's tiles: one figure each, linking to the list behind it.
import Link from "next/link";
import type { Dashboard } from "@/lib/dashboard/get-dashboard";

const ALERT = new Set(["criticalOpen", "overdueReviews"]);

export function StatTiles({ tiles }: { tiles: Dashboard["tiles"] }) {
  return (
    <ul aria-label="At a glance" className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {tiles.map((t) => {
        const body = (
          <>
            <span className="block text-2xl font-semibold tabular-nums">{t.value.toLocaleString("en")}</span>
            <span className="block text-xs text-slate-600">{t.label}</span>
          </>
        );
        const tone = ALERT.has(t.key) && t.value > 0 ? "border-red-300 bg-red-50" : "border-slate-200 bg-white";
        return (
          <li key={t.key}>
            {t.href ? (
              <Link href={t.href} data-tile={t.key} className={`block h-full rounded-md border p-3 shadow-sm hover:border-slate-400 ${tone}`}>{body}</Link>
            ) : (
              <div data-tile={t.key} className={`h-full rounded-md border p-3 shadow-sm ${tone}`}>{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
