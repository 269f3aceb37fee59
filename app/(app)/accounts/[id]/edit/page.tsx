import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountForm } from "@/components/accounts/account-form";
import { linkClass } from "@/components/form-styles";
import { PageHeader } from "@/components/page-header";
import { orNotFound } from "@/components/page-errors";
import { getAccount } from "@/lib/accounts/get-account";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";
import { updateAccountAction } from "./actions";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Edit account" };

export default async function EditAccountPage({ params }: Props) {
  const actor = await requireUser();
  if (!can(actor.role, "account:write")) notFound();
  const a = await orNotFound(getAccount(actor, (await params).id));
  const initial = {
    externalId: a.externalId,
    displayName: a.displayName,
    emails: a.emails.join("\n"),
    organization: a.organization,
    country: a.country ?? "",
    providerCreatedAt: a.providerCreatedAt?.slice(0, 10) ?? "",
    status: a.status,
    riskScore: String(a.riskScore),
    attributes: a.attributes.map(({ type, value }) => ({ type, value })),
  };
  return (
    <>
      <PageHeader
        title={`Edit ${a.externalId}`}
        description={<Link href={`/accounts/${a.id}`} className={linkClass}>Back to {a.externalId}</Link>}
      />
      <AccountForm action={updateAccountAction} initial={initial} submitLabel="Save account" cancelHref={`/accounts/${a.id}`} account={{ id: a.id, version: a.version }} />
    </>
  );
}
