import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokenTable } from "@/components/tokens/token-table";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requireUser } from "@/lib/auth/current-user";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await requireUser();
  const tokens = await listApiTokens(actor);
  return (
    <>
      <PageHeader
        title="API tokens"
        description={<>Personal tokens for the REST API: send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. A token acts as you.</>}
      />
      <div className="space-y-6">
        <CreateTokenForm action={createTokenAction} />
        <section aria-label="Your tokens">
          <TokenTable tokens={tokens} revokeAction={revokeTokenAction} />
        </section>
      </div>
    </>
  );
}
