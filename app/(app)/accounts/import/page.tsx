import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountImporter } from "@/components/accounts/account-importer";
import { linkClass } from "@/components/form-styles";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";

export const metadata: Metadata = { title: "Import accounts" };

/** The import route's limit (app/api/v1/accounts/import/route.ts); the server refuses larger files itself. */
const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

export default async function ImportAccountsPage() {
  const actor = await requireUser();
  if (!can(actor.role, "account:write")) notFound();
  return (
    <>
      <PageHeader
        title="Import accounts"
        description={<>Add or update many accounts at once, matched by external id. <Link href="/accounts" className={linkClass}>Back to accounts</Link></>}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <AccountImporter maxBytes={MAX_IMPORT_BYTES} />
        </div>
        <aside className="space-y-3 text-sm text-slate-700">
          <h2 className="font-semibold">File format</h2>
          <p>
            <strong>CSV</strong> with a header row: <code>externalId</code> (required), <code>displayName</code>, <code>emails</code>,{" "}
            <code>organization</code>, <code>country</code>, <code>providerCreatedAt</code>, <code>status</code>, <code>riskScore</code>, and a
            column per attribute type: <code>IP</code>, <code>API_KEY</code>, <code>PAYMENT_FINGERPRINT</code>, <code>DEVICE_ID</code>,{" "}
            <code>EMAIL_DOMAIN</code>, <code>USER_AGENT</code>. Several values in one cell are separated by <code>|</code>.
          </p>
          <p>
            <strong>JSON</strong>: an array of accounts shaped like the REST API&apos;s <code>POST /api/v1/accounts</code>, with{" "}
            <code>attributes: [{"{"}type, value{"}"}]</code>.
          </p>
          <p>
            The check reads the whole file and changes nothing. The import then writes in batches; a batch is all or nothing, and
            running the same file again changes nothing. Each import is one entry in the audit trail.
          </p>
        </aside>
      </div>
    </>
  );
}
