import type { FormAction } from "@/components/action-state";
import { Badge } from "@/components/badge";
import { formatDateTime } from "@/components/format";
import { ResetSecondFactorButton } from "@/components/users/reset-second-factor-button";
import { UserRoleForm } from "@/components/users/user-role-form";
import { UserStatusButton } from "@/components/users/user-status-button";
import type { UserView } from "@/lib/users/users";
import { DataTable } from "@/components/data-table";

type Props = {
  users: UserView[];
  meId: string;
  roles: { value: string; label: string }[];
  actions: { setRole: FormAction; setDisabled: FormAction; resetSecondFactor: FormAction };
};

const th = "px-3 py-2 text-left font-medium";
const td = "px-3 py-2 align-middle";

export function UserTable({ users, meId, roles, actions }: Props) {
  return (
    <DataTable caption="Users" head={
      <>
        {["Email", "Name", "Role", "Status", "Second factor", "Last sign-in", "Access"].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}
      </>
    }>
      {users.map((u) => (
        <tr key={u.id} className={u.disabled ? "bg-slate-50 text-slate-500" : undefined}>
          <td className={td}>{u.email}{u.id === meId && <span className="ml-1 text-xs text-slate-500">(you)</span>}</td>
          <td className={td}>{u.name}</td>
          <td className={td}>
            <UserRoleForm action={actions.setRole} userId={u.id} email={u.email} role={u.role} roles={roles} />
          </td>
          <td className={td}>{u.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="emerald">Active</Badge>}</td>
          <td className={td}>
            <div className="flex items-center gap-2">
              {u.secondFactor ? <Badge tone="emerald">On</Badge> : <span className="text-xs text-slate-500">Off</span>}
              {/* One's own is turned off on the profile page, with a code or the password. */}
              {u.id !== meId && <ResetSecondFactorButton action={actions.resetSecondFactor} userId={u.id} email={u.email} enrolled={u.secondFactor} />}
            </div>
          </td>
          <td className={`${td} whitespace-nowrap`}>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "Never"}</td>
          <td className={td}>
            {u.id === meId ? (
              <span className="text-xs text-slate-500">—</span>
            ) : (
              <UserStatusButton action={actions.setDisabled} userId={u.id} email={u.email} disabled={u.disabled} />
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
