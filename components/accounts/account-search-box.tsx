"use client";
// Search-as-you-type over the account registry (GET /api/v1/accounts?q=, with the session cookie),
// as an ARIA combobox: arrows move, Enter picks, Escape closes. Used by the case page's picker and
// the "link to another account" form.
import { useEffect, useId, useRef, useState } from "react";
import { inputClass } from "@/components/form-styles";

export type PickedAccount = { id: string; externalId: string; displayName: string; status: string; riskScore: number };

type Props = {
  label: string;
  onPick: (account: PickedAccount) => void;
  /** Accounts not to offer (already picked, already attached, the account itself). */
  excludeIds?: ReadonlySet<string>;
  hint?: string;
  errors?: string[];
};

const DEBOUNCE_MS = 200;

export function AccountSearchBox({ label, onPick, excludeIds, hint, errors }: Props) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<PickedAccount[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState<"idle" | "loading" | "error">("idle");
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) return; // changeQuery has cleared the results
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setStatus("loading");
      try {
        const res = await fetch(`/api/v1/accounts?${new URLSearchParams({ q, pageSize: "10", sort: "externalId", order: "asc" })}`, {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as { items: PickedAccount[] };
        setResults(body.items);
        setActive(0);
        setOpen(true);
        setStatus("idle");
      } catch {
        if (!controller.signal.aborted) setStatus("error");
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const offered = results.filter((a) => !excludeIds?.has(a.id));
  function changeQuery(value: string) {
    setQuery(value);
    if (!value.trim()) {
      setResults([]);
      setStatus("idle");
    }
  }
  function pick(a: PickedAccount | undefined) {
    if (!a) return;
    onPick(a);
    changeQuery("");
    setOpen(false);
    inputRef.current?.focus();
  }
  const listId = `${id}-list`;
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null, `${id}-status`].filter(Boolean).join(" ");
  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="block text-sm font-medium text-slate-700">{label}</label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open && offered.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && offered[active] ? `${id}-opt-${offered[active].id}` : undefined}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        value={query}
        placeholder="External id, name, email or attribute value"
        onChange={(e) => changeQuery(e.target.value)}
        onFocus={() => results.length && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, offered.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === "Enter") {
            e.preventDefault(); // never submit the surrounding form from the search box
            if (open) pick(offered[active]);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
        className={inputClass}
      />
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
      <p id={`${id}-status`} aria-live="polite" className="sr-only">
        {status === "loading" ? "Searching…" : open ? `${offered.length} accounts found` : ""}
      </p>
      {status === "error" && <p className="mt-1 text-xs text-red-700">The search failed; try again.</p>}
      {errors?.length ? <p id={`${id}-error`} className="mt-1 text-xs text-red-700">{errors.join("; ")}</p> : null}
      {open && query.trim() && (
        <ul id={listId} role="listbox" aria-label={`${label} results`} className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg">
          {offered.length === 0 && status !== "loading" && <li className="px-3 py-2 text-slate-500">No accounts found.</li>}
          {offered.map((a, i) => (
            <li
              key={a.id}
              id={`${id}-opt-${a.id}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(a)}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-slate-100" : ""}`}
            >
              <span className="font-mono text-xs">{a.externalId}</span>
              {a.displayName && <span className="ml-2 text-slate-600">{a.displayName}</span>}
              <span className="ml-2 text-xs text-slate-500">{a.status.toLowerCase()} · risk {a.riskScore}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
