import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccountForm } from "@/components/accounts/account-form";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";
import { createAccountAction } from "./actions";

export const metadata: Metadata = { title: "New account" };

const EMPTY = {
  externalId: "",
  displayName: "",
  emails: "",
  organization: "",
  country: "",
  providerCreatedAt: "",
  status: "ACTIVE",
  riskScore: "0",
  attributes: [{ type: "IP", value: "" }],
};

export default async function NewAccountPage() {
  const actor = await requireUser();
  if (!can(actor.role, "account:write")) notFound();
  return (
    <>
      <PageHeader title="New account" description="Register an API account under investigation. Many at once: use Import." />
      <AccountForm action={createAccountAction} initial={EMPTY} submitLabel="Create account" cancelHref="/accounts" />
    </>
  );
}
