import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { positiveInt, type SearchParams } from "@/components/url";
import { CreateUserForm } from "@/components/users/create-user-form";
import { UserTable } from "@/components/users/user-table";
import { ROLES } from "@/lib/access/actor";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";
import { label } from "@/lib/cases/case-status";
import { listUsers } from "@/lib/users/users";
import { createUserAction, resetSecondFactorAction, setUserDisabledAction, updateUserRoleAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 50;

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  if (!can(actor.role, "users:manage")) notFound();
  const page = positiveInt((await searchParams).page);
  const users = await listUsers(actor, { page, pageSize: PAGE_SIZE });
  const roles = ROLES.map((r) => ({ value: r, label: label(r) }));
  return (
    <>
      <PageHeader title="Users" description="Who can sign in, and with which role." />
      <div className="space-y-6">
        <CreateUserForm action={createUserAction} roles={roles} />
        <section aria-label="All users">
          <UserTable users={users.items} meId={actor.id} roles={roles} actions={{ setRole: updateUserRoleAction, setDisabled: setUserDisabledAction, resetSecondFactor: resetSecondFactorAction }} />
          <Pagination basePath="/admin/users" params={page > 1 ? { page: String(page) } : {}} page={users.page} pageSize={users.pageSize} total={users.total} label="User pages" />
        </section>
      </div>
    </>
  );
}
