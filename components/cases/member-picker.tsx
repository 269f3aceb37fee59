"use client";
// Case members as chips with a remove button each, and a search that adds people one at a time:
// nothing changes by a stray click or an arrow key (a native multi-select replaced the whole
// selection). Each chip posts as a hidden memberIds value.
import { useId, useMemo, useState } from "react";
import { inputClass } from "@/components/form-styles";

export type PickableUser = { id: string; name: string; email: string };

type Props = {
  users: PickableUser[];
  memberIds: string[];
  onChange: (ids: string[]) => void;
  /** Shown on the lead's chip; the lead is always a member. */
  leadId: string | null;
  errors?: string[];
};

const MAX_RESULTS = 8;

export function MemberPicker({ users, memberIds, onChange, leadId, errors }: Props) {
  const id = useId();
  const [query, setQuery] = useState("");
  const byId = useMemo(() => new Map(users.map((u) => [u.id, u])), [users]);
  const q = query.trim().toLowerCase();
  const results = q
    ? users.filter((u) => !memberIds.includes(u.id) && `${u.name} ${u.email}`.toLowerCase().includes(q)).slice(0, MAX_RESULTS)
    : [];
  const add = (userId: string) => {
    onChange([...memberIds, userId]);
    setQuery("");
  };
  return (
    <fieldset aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend className="block text-sm font-medium text-slate-700">Members</legend>
      {memberIds.map((m) => <input key={m} type="hidden" name="memberIds" value={m} />)}
      <ul aria-label="Current members" className="mt-1 flex flex-wrap gap-1.5">
        {memberIds.length === 0 && <li className="text-sm text-slate-600">No members yet.</li>}
        {memberIds.map((m) => {
          const u = byId.get(m);
          const name = u?.name ?? m;
          return (
            <li key={m} className="inline-flex max-w-full items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-sm text-slate-800 ring-1 ring-slate-300">
              <span className="truncate" title={u?.email}>{name}{m === leadId && <span className="text-slate-600"> (lead)</span>}</span>
              {m === leadId ? (
                <span className="px-1" />
              ) : (
                <button type="button" onClick={() => onChange(memberIds.filter((x) => x !== m))} aria-label={`Remove ${name}`}
                  className="rounded-full px-1.5 text-slate-700 hover:bg-slate-300 focus:bg-slate-300">
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <label htmlFor={`${id}-search`} className="mt-3 block text-sm font-medium text-slate-700">Add a member</label>
      <input id={`${id}-search`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off"
        placeholder="Search by name or email" aria-describedby={`${id}-results`} className={inputClass}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault(); // never submit the form from the search box
            if (results.length === 1) add(results[0].id);
          }
        }} />
      <p id={`${id}-results`} className="sr-only" aria-live="polite">
        {q ? `${results.length} ${results.length === 1 ? "person matches" : "people match"}` : ""}
      </p>
      {results.length > 0 && (
        <ul aria-label="Matching people" className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {results.map((u) => (
            <li key={u.id}>
              <button type="button" onClick={() => add(u.id)} className="w-full px-3 py-1.5 text-left text-sm hover:bg-slate-50 focus:bg-slate-100">
                Add {u.name} <span className="text-slate-600">({u.email})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {q && results.length === 0 && <p className="mt-1 text-sm text-slate-600">Nobody else matches “{query.trim()}”.</p>}
      {errors?.length ? <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{errors.join(" ")}</p> : null}
    </fieldset>
  );
}
