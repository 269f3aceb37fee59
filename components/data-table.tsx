// The frame every list table shares: scrollable box, screen-reader caption, header row, body.
import type { ReactNode } from "react";

type Props = { caption: string; head: ReactNode; children: ReactNode; shadow?: boolean };

export function DataTable({ caption, head, children, shadow = true }: Props) {
  return (
    // Focusable, so a keyboard can scroll a table wider than a phone's screen even when it holds no
    // link (axe scrollable-region-focusable).
    <div tabIndex={0} className={`overflow-x-auto rounded-md border border-slate-200 bg-white ${shadow ? "shadow-sm" : ""}`}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
