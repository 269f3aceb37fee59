// Requests by UTC hour and weekday as a table whose cells are shaded by count: the chart and its
// accessible form at once (each cell carries its count as text for screen readers).
import { formatCount } from "@/components/format";
import type { HourWeekdayHeatmap as Heatmap } from "@/lib/distillation-views/hour-weekday-heatmap";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const HOURS = Array.from({ length: 24 }, (_, h) => h);

export function HourWeekdayHeatmap({ heatmap }: { heatmap: Heatmap }) {
  const busiest = busiestCell(heatmap);
  const quiet = heatmap.cells.flat().filter((n) => n === 0).length;
  return (
    <figure aria-labelledby="heatmap-title" className="min-w-0 rounded-md border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption>
        <h2 id="heatmap-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600">Hour by weekday</h2>
        <p className="mt-0.5 text-xs text-slate-500">
          Requests by hour of day and day of week (UTC). {quiet} of 168 hours have no requests
          {busiest && `; the busiest is ${busiest.day} ${String(busiest.hour).padStart(2, "0")}:00 with ${formatCount(busiest.n)}`}. Round-the-clock automation fills the grid.
        </p>
      </figcaption>
      {/* relative: the cells' sr-only counts are clipped here instead of widening the page. */}
      <div className="relative mt-3 overflow-x-auto">
        <table className="w-full table-fixed border-separate border-spacing-px text-[10px]">
          <caption className="sr-only">Requests by weekday (rows) and UTC hour (columns)</caption>
          <thead>
            <tr>
              <th scope="col" className="w-8"><span className="sr-only">Day</span></th>
              {HOURS.map((h) => (
                <th scope="col" key={h} className="font-normal text-slate-500">
                  <span aria-hidden={h % 3 !== 0}>{h % 3 === 0 ? h : ""}</span>
                  <span className="sr-only">{h % 3 === 0 ? ":00" : `${h}:00`}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {heatmap.cells.map((row, d) => (
              <tr key={DAYS[d]}>
                <th scope="row" className="pr-1 text-left font-normal text-slate-600">{DAYS[d]}</th>
                {row.map((n, h) => (
                  <td
                    key={h}
                    title={`${DAYS[d]} ${String(h).padStart(2, "0")}:00 UTC: ${formatCount(n)} requests`}
                    className="h-5 rounded-sm"
                    style={{ backgroundColor: shade(n, heatmap.max) }}
                  >
                    <span className="sr-only">{formatCount(n)}</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** Slate for none, then blue from light to dark by the cell's share of the busiest cell. */
function shade(n: number, max: number): string {
  if (n === 0 || max === 0) return "#f1f5f9";
  const t = Math.sqrt(n / max); // square root: a few quiet requests still show
  return `rgba(29, 78, 216, ${(0.12 + 0.88 * t).toFixed(3)})`;
}

function busiestCell(h: Heatmap): { day: string; hour: number; n: number } | null {
  let best: { day: string; hour: number; n: number } | null = null;
  h.cells.forEach((row, d) => row.forEach((n, hour) => {
    if (n > 0 && (!best || n > best.n)) best = { day: DAYS[d], hour, n };
  }));
  return best;
}
