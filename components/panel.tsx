import type { ReactNode } from "react";

/** A titled white box: the building block of detail and settings pages. */
export function Panel({ title, children, actions, id }: { title: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  // No aria-labelledby: a region named "Notes" would also answer getByLabel("Note") and similar.
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section className="rounded-md border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id={headingId} className="text-sm font-semibold uppercase tracking-wide text-slate-600">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
