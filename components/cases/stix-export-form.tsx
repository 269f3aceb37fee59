import { buttonClass } from "@/components/form-styles";
import { defaultTlp, TLP_LEVELS } from "@/lib/stix/tlp";

/** Downloads the case's STIX 2.1 bundle with the TLP marking chosen here (a plain GET form: the
 *  API answers it as an attachment, so the page stays where it is). */
export function StixExportForm({ caseId, restricted }: { caseId: string; restricted: boolean }) {
  return (
    <form method="get" action={`/api/v1/cases/${caseId}/stix`} className="flex items-center gap-1">
      <label htmlFor="stix-tlp" className="sr-only">
        TLP marking of the STIX export
      </label>
      <select id="stix-tlp" name="tlp" defaultValue={defaultTlp(restricted)} className="rounded border border-slate-300 bg-white px-2 py-1.5 text-sm">
        {TLP_LEVELS.map((l) => (
          <option key={l} value={l}>
            TLP:{l}
          </option>
        ))}
      </select>
      <button type="submit" className={buttonClass("secondary")} title="The accounts, their attributes, links and flagged findings as a STIX 2.1 bundle for threat-intelligence tools">
        Export STIX
      </button>
    </form>
  );
}
