// "The same file is already evidence": other items with these exact bytes on cases the user can see.
import Link from "next/link";
import type { SameContentItem } from "@/lib/evidence/same-content";

export function SameContentNote({ items }: { items: SameContentItem[] }) {
  if (!items.length) return null;
  return (
    <div role="note" className="mt-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="same-content">
      <p className="font-medium">The same bytes are already evidence {items.every((i) => i.sameCase) ? "on this case" : "elsewhere"}:</p>
      <ul className="mt-1 list-disc pl-5">
        {items.map((i) => (
          <li key={i.id}>
            <Link href={`/evidence/${i.id}`} className="underline [overflow-wrap:anywhere]">{i.title}</Link> on {i.sameCase ? "this case" : i.caseNumber}
            {i.removed && " (removed)"}
          </li>
        ))}
      </ul>
    </div>
  );
}
