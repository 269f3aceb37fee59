// An account's attributes with their sightings: how many other accounts share each value, and on
// which other cases (that the viewer may see) it also appears.
import Link from "next/link";
import { ATTRIBUTE_LABELS } from "@/components/accounts/account-labels";
import { CaseListInline } from "@/components/accounts/case-list-inline";
import { Badge } from "@/components/badge";
import { linkClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import type { AccountAttributeView, AccountSightings } from "@/lib/accounts/account-view";

type Props = { attributes: AccountAttributeView[]; sightings: AccountSightings };

export function AccountAttributes({ attributes, sightings }: Props) {
  // "Also on" names the other cases: those this account is on itself are listed beside it already.
  const own = new Set(sightings.cases.map((c) => c.id));
  const casesOf = new Map(sightings.values.map((v) => [`${v.type}\u0000${v.value}`, v.cases.filter((c) => !own.has(c.id))]));
  return (
    <Panel title={`Attributes (${attributes.length})`} id="account-attributes">
      {attributes.length === 0 ? (
        <p className="text-sm text-slate-600">No attributes. Add IP addresses, API key ids or payment fingerprints to find shared ones.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Attributes">
          {attributes.map((a) => {
            const cases = casesOf.get(`${a.type}\u0000${a.value}`) ?? [];
            const sameValue = `/accounts?${new URLSearchParams({ q: a.value, attributeType: a.type })}`;
            return (
              <li key={`${a.type}:${a.value}`} className="py-2">
                <div className="flex flex-wrap items-baseline gap-2">
                  <span className="w-40 shrink-0 text-xs text-slate-500">{ATTRIBUTE_LABELS[a.type]}</span>
                  <span className="break-all font-mono text-xs">{a.value}</span>
                  {a.noise && (
                    <Badge tone="amber" title="Shared by more accounts than the noise threshold; not used for suggestions">Noise</Badge>
                  )}
                  {a.sharedWith > 0 && (
                    <Link href={sameValue} className={`${linkClass} text-xs`}>
                      shared with {a.sharedWith} other account{a.sharedWith === 1 ? "" : "s"}
                    </Link>
                  )}
                </div>
                {cases.length > 0 && (
                  <p className="mt-0.5 pl-42 text-xs text-slate-700" data-testid="sighting">
                    <span className="font-mono">{a.value}</span> is also on <CaseListInline cases={cases} />
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
