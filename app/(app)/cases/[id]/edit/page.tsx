import type { Metadata } from "next";
import Link from "next/link";
import { CaseEditForm } from "@/components/cases/case-edit-form";
import { linkClass } from "@/components/form-styles";
import { PageHeader } from "@/components/page-header";
import { orNotFound } from "@/components/page-errors";
import { requireUser } from "@/lib/auth/current-user";
import { decideCase, isClosedTo } from "@/lib/access/case-policy";
import { describeRestrictionImpact } from "@/components/cases/restriction-hint";
import { getRestrictionImpact } from "@/lib/cases/restriction-impact";
import { getCase } from "@/lib/cases/get-case";
import { updateCaseAction } from "./actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Edit ${(await params).id}` };
}

export default async function EditCasePage({ params }: Props) {
  const actor = await requireUser();
  const c = await orNotFound(getCase(actor, (await params).id));
  const isMember = c.members.some((m) => m.id === actor.id);
  const back = <Link href={`/cases/${c.number}`} className={linkClass}>Back to {c.number}</Link>;
  if (decideCase(actor, { restricted: c.restricted, isMember }, "update") !== "allow") {
    return <PageHeader title={`Edit ${c.number}`} description={<>Only members of this case, managers and admins can edit it. {back}</>} />;
  }
  if (isClosedTo(c.status, "update")) {
    return <PageHeader title={`Edit ${c.number}`} description={<>This case is closed: reopen the case first to change it. {back}</>} />;
  }
  // What restricting would do, said before anyone ticks the box (a restricted case has nothing to lose).
  const restrictedHint = c.restricted ? undefined : describeRestrictionImpact(await getRestrictionImpact(actor, c.id));
  const initial = {
    title: c.title,
    summary: c.summary,
    severity: c.severity,
    restricted: c.restricted,
    tags: c.tags.join(", "),
    dueAt: c.dueAt?.slice(0, 10) ?? "",
  };
  return (
    <>
      <PageHeader title={`Edit ${c.number}`} description={back} />
      <CaseEditForm action={updateCaseAction} caseNumber={c.number} version={c.version} initial={initial} restrictedHint={restrictedHint} />
    </>
  );
}
