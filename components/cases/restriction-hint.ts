// The edit page's words for what restricting a case would do, from lib/cases/restriction-impact.ts.
type Impact = { keep: string[]; loseCount: number; loseContributors: string[] };

export function describeRestrictionImpact({ keep, loseCount, loseContributors }: Impact): string {
  const kept = keep.length ? `its members (${keep.join(", ")}) and admins` : "admins (it has no members)";
  if (!loseCount) return `Restricting it leaves it visible only to ${kept}; nobody else can see it now, so nobody loses access.`;
  const people = loseCount === 1 ? "1 person who can see it now loses access" : `${loseCount} people who can see it now lose access`;
  const worked = loseContributors.length ? `, including ${joinNames(loseContributors)}, who worked on it` : "";
  return `Restricting it leaves it visible only to ${kept}: ${people}${worked}. Lifting a restriction needs a manager or admin.`;
}

function joinNames(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
