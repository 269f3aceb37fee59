import type { FormAction } from "@/components/action-state";
import { Badge } from "@/components/badge";
import { EmptyState } from "@/components/empty-state";
import { formatDateTime } from "@/components/format";
import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";
import type { TokenView } from "@/lib/auth/api-tokens";
import { DataTable } from "@/components/data-table";

const th = "px-3 py-2 text-left font-medium";
const td = "px-3 py-2 align-middle";

export function TokenTable({ tokens, revokeAction }: { tokens: TokenView[]; revokeAction: FormAction }) {
  if (!tokens.length) {
    return <EmptyState title="No API tokens yet">Create one to call the REST API from scripts and pipelines.</EmptyState>;
  }
  return (
    <DataTable caption="Your API tokens" head={
      <>
        {["Name", "Token", "Access", "Created", "Last used", "Expires", "Status", ""].map((h, i) => (
          <th key={i} scope="col" className={th}>{h || <span className="sr-only">Actions</span>}</th>
        ))}
      </>
    }>
      {tokens.map((t) => (
        <tr key={t.id} className={t.revokedAt ? "text-slate-500" : undefined}>
          <td className={td}>{t.name}</td>
          <td className={`${td} font-mono text-xs`}>{t.prefix}…</td>
          <td className={`${td} whitespace-nowrap`}>{t.readOnly ? "Read only" : "Read and write"}</td>
          <td className={`${td} whitespace-nowrap`}>{formatDateTime(t.createdAt)}</td>
          <td className={`${td} whitespace-nowrap`}>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</td>
          <td className={`${td} whitespace-nowrap`}>{t.expiresAt ? formatDateTime(t.expiresAt) : "Never"}</td>
          <td className={td}>
            <TokenStatus token={t} />
          </td>
          <td className={td}>{!t.revokedAt && <RevokeTokenButton action={revokeAction} tokenId={t.id} name={t.name} />}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function TokenStatus({ token: t }: { token: TokenView }) {
  if (t.revokedAt) return <Badge tone="red" title={`Revoked ${formatDateTime(t.revokedAt)}`}>Revoked {formatDateTime(t.revokedAt)}</Badge>;
  // eslint-disable-next-line react-hooks/purity -- a server component, rendered once per request: now is the request's time
  if (t.expiresAt && t.expiresAt.getTime() <= Date.now()) return <Badge tone="amber">Expired</Badge>;
  return <Badge tone="emerald">Active</Badge>;
}
