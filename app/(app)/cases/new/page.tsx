import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CaseCreateForm } from "@/components/cases/case-create-form";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";
import { listAssignableUsers } from "@/lib/users/users";
import { createCaseAction } from "./actions";

export const metadata: Metadata = { title: "New case" };

export default async function NewCasePage() {
  const actor = await requireUser();
  if (!can(actor.role, "case:create")) notFound();
  const users = await listAssignableUsers();
  return (
    <>
      <PageHeader title="New case" description="Open an investigation. You can attach evidence and accounts once it exists." />
      <CaseCreateForm action={createCaseAction} users={users} meId={actor.id} />
    </>
  );
}
