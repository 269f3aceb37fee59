// What a saved assignment changed, in one sentence for the toast. Pure, client-safe.
type Person = { id: string; name: string };
type Assignment = { lead: Person | null; members: Person[] };

export function describeAssignmentChange(before: Assignment, after: Assignment): string {
  const had = new Set(before.members.map((m) => m.id));
  const has = new Set(after.members.map((m) => m.id));
  const added = after.members.filter((m) => !had.has(m.id)).map((m) => m.name);
  const removed = before.members.filter((m) => !has.has(m.id)).map((m) => m.name);
  const parts = [
    added.length ? `added ${list(added)}` : "",
    removed.length ? `removed ${list(removed)}` : "",
    before.lead?.id !== after.lead?.id ? (after.lead ? `${after.lead.name} is now the lead` : "no lead now") : "",
  ].filter(Boolean);
  return parts.length ? `Assignment saved: ${parts.join("; ")}` : "Assignment saved: nothing changed";
}

function list(names: string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
