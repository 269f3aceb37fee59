import type { Metadata } from "next";
import { AccountAttributes } from "@/components/accounts/account-attributes";
import { AccountCases } from "@/components/accounts/account-cases";
import { AccountFacts } from "@/components/accounts/account-facts";
import { AccountHeader } from "@/components/accounts/account-header";
import { AccountHistory } from "@/components/accounts/account-history";
import { AccountUsageSection } from "@/components/distillation/account-usage-section";
import { AccountLinks } from "@/components/accounts/account-links";
import { LinkAccountForm, type EvidenceOption } from "@/components/accounts/link-account-form";
import { orNotFound } from "@/components/page-errors";
import { positiveInt, type SearchParams } from "@/components/url";
import { getAccount, listAccountHistory } from "@/lib/accounts/get-account";
import { getAccountSightings } from "@/lib/accounts/sightings";
import type { AccountDetail } from "@/lib/accounts/account-view";
import type { Actor } from "@/lib/access/actor";
import { requireRequestContext } from "@/lib/auth/current-user";
import { getAccountDistillationViews, getAccountSampleLines } from "@/lib/distillation-views/account-distillation-views";
import { can } from "@/lib/access/permissions";
import { listEvidence } from "@/lib/evidence/get-evidence";
import { listLinks } from "@/lib/links/list-links";
import { createLinkAction, decideLinkAction } from "../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export const metadata: Metadata = { title: "Account" };

const LINKS_PAGE_SIZE = 20;
const HISTORY_PAGE_SIZE = 20;
/** Evidence offered for a manual link: the newest items of the account's first cases. */
const EVIDENCE_CASES = 10;
const EVIDENCE_PER_CASE = 50;

export default async function AccountPage({ params, searchParams }: Props) {
  const ctx = await requireRequestContext();
  const actor = ctx.actor;
  const { id } = await params;
  const query = await searchParams;
  const account = await orNotFound(getAccount(actor, id));
  const [sightings, links, accepted, history] = await Promise.all([
    getAccountSightings(actor, account.id),
    listLinks(actor, { accountId: account.id, page: positiveInt(query.linksPage), pageSize: LINKS_PAGE_SIZE }),
    listLinks(actor, { accountId: account.id, status: "ACCEPTED", pageSize: 1 }),
    listAccountHistory(actor, account.id, { page: positiveInt(query.historyPage), pageSize: HISTORY_PAGE_SIZE }),
  ]);
  const canWrite = can(actor.role, "account:write");
  // Prompt text (the top templates, raw log lines) is an audited read; the log lines only when asked for.
  const usage = await getAccountDistillationViews(ctx, account.id);
  const lines = usage.charts && query.lines === "1" ? await getAccountSampleLines(ctx, account.id, { page: String(positiveInt(query.samplesPage)) }) : null;
  const evidence = canWrite ? await evidenceOptions(actor, account) : [];
  return (
    <>
      <AccountHeader account={account} canWrite={canWrite} hasCluster={accepted.total > 0} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <AccountAttributes attributes={account.attributes} sightings={sightings} />
          <AccountLinks accountId={account.id} links={links} decide={canWrite ? decideLinkAction : undefined}>
            {canWrite && <LinkAccountForm action={createLinkAction} accountId={account.id} evidence={evidence} />}
          </AccountLinks>
          <AccountUsageSection accountId={account.id} usage={usage} lines={lines} />
          <AccountHistory accountId={account.id} history={history} />
        </div>
        <div className="space-y-6">
          <AccountFacts account={account} />
          <AccountCases cases={account.cases} />
        </div>
      </div>
    </>
  );
}

async function evidenceOptions(actor: Actor, account: AccountDetail): Promise<EvidenceOption[]> {
  const lists = await Promise.all(
    account.cases.slice(0, EVIDENCE_CASES).map(async (c) => {
      const page = await listEvidence(actor, c.id, { pageSize: EVIDENCE_PER_CASE });
      return page.items.filter((e) => !e.removed).map((e) => ({ id: e.id, title: e.title, caseNumber: c.number }));
    }),
  );
  return lists.flat();
}
