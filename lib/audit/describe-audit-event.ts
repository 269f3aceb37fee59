// One sentence per audit event, in people's words: "Dana moved LAN-2026-0003 from Active to In
// review". Pure: the caller resolves the actor's name, the case number and the item's title.
import { label } from "@/lib/state-machine/state-machine";

export type DescribeInput = {
  action: string;
  entityType: string;
  actorName: string | null;
  caseNumber: string | null;
  /** The item's own name where known (an evidence title, an account's external id). */
  subject?: string | null;
  changes: unknown;
};

type Change = { before?: unknown; after?: unknown };

function changeOf(changes: unknown, key: string): Change | undefined {
  if (!changes || typeof changes !== "object") return undefined;
  const v = (changes as Record<string, unknown>)[key];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Change) : undefined;
}

function plain(changes: unknown, key: string): unknown {
  return changes && typeof changes === "object" ? (changes as Record<string, unknown>)[key] : undefined;
}

const state = (v: unknown) => (typeof v === "string" ? label(v) : "?");
const quoted = (s: string | null | undefined) => (s ? `“${s}”` : null);

/** Field names as the forms label them. */
const FIELD_LABELS: Record<string, string> = {
  title: "title",
  summary: "summary",
  severity: "severity",
  restricted: "restricted",
  tags: "tags",
  dueAt: "due date",
  leadId: "lead",
  memberIds: "members",
  collectedAt: "collected at",
  description: "description",
  source: "source",
  kind: "kind",
  displayName: "display name",
  externalId: "external id",
  status: "status",
  riskScore: "risk score",
  role: "role",
  disabled: "disabled",
  name: "name",
};

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

function fieldList(changes: unknown): string {
  if (!changes || typeof changes !== "object") return "";
  const keys = Object.keys(changes).filter((k) => k !== "sha256Observed" && k !== "detail" && k !== "ok");
  return keys.map(fieldLabel).join(", ");
}

export function describeAuditEvent(e: DescribeInput): string {
  const who = e.actorName ?? "The system";
  const onCase = e.caseNumber ?? "a case";
  const item = quoted(e.subject);
  const c = e.changes;
  const [domain, verb] = [e.action.split(".")[0], e.action.slice(e.action.indexOf(".") + 1)];
  switch (e.action) {
    case "case.create":
      return `${who} opened ${onCase}`;
    case "case.transition": {
      const s = changeOf(c, "status");
      const resolution = changeOf(c, "resolution")?.after;
      return `${who} moved ${onCase} from ${state(s?.before)} to ${state(s?.after)}${typeof resolution === "string" ? ` (${label(resolution)})` : ""}`;
    }
    case "case.update": {
      const r = changeOf(c, "restricted");
      if (r && r.after === true && Object.keys(c as object).every((k) => ["restricted", "reason", "memberIds"].includes(k))) return `${who} restricted ${onCase}`;
      return `${who} changed the ${fieldList(c) || "details"} of ${onCase}`;
    }
    case "case.assign":
      return `${who} changed the ${fieldList(c) || "assignment"} of ${onCase}`;
    case "note.create":
      return `${who} added a note to ${onCase}`;
    case "note.pin":
      return `${who} ${changeOf(c, "pinned")?.after ? "pinned" : "unpinned"} a note on ${onCase}`;
    case "evidence.upload":
      return `${who} uploaded ${item ?? "evidence"} to ${onCase}`;
    case "evidence.view":
      return `${who} viewed ${item ?? "evidence"} on ${onCase}`;
    case "evidence.download":
      return `${who} downloaded ${item ?? "evidence"} from ${onCase}`;
    case "evidence.verify": {
      const ok = changeOf(c, "ok")?.after;
      // A CRC-32 on record that the intact content did not match (check-blob-digests.ts) fails the check too.
      const wrongCrc = ok === false && changeOf(c, "crc32")?.before != null;
      return `${who} verified ${item ?? "evidence"} on ${onCase}: ${wrongCrc ? "intact, but its recorded CRC-32 was wrong (corrected)" : ok === false ? "the hash does NOT match" : "intact"}`;
    }
    case "evidence.edit":
      return `${who} changed the ${fieldList(c) || "details"} of ${item ?? "evidence"} on ${onCase}`;
    case "evidence.supersede":
      return `${who} superseded ${item ?? "evidence"} on ${onCase} with a new upload`;
    case "evidence.remove":
      return `${who} removed ${item ?? "evidence"} from ${onCase}`;
    case "evidence.export":
      return `${who} exported ${item ?? "evidence"} from ${onCase}`;
    case "distillation.templates.view":
      return `${who} viewed the prompt templates ${e.entityType === "Account" ? `of account ${item ?? "(unknown)"}` : `on ${onCase}`}`;
    case "distillation.samples.view":
      return `${who} read log lines ${e.entityType === "Account" ? `of account ${item ?? "(unknown)"}` : `on ${onCase}`}`;
    case "evidence.blob_collect":
      return `${who} deleted a stored file no evidence refers to any more`;
    case "account.attach":
      return `${who} attached account ${item ?? ""} to ${onCase} as ${state(changeOf(c, "role")?.after)}`.replace("  ", " ");
    case "account.case-role":
      return `${who} changed the role of account ${item ?? ""} on ${onCase} from ${state(changeOf(c, "role")?.before)} to ${state(changeOf(c, "role")?.after)}`.replace("  ", " ");
    case "account.detach":
      return `${who} detached account ${item ?? ""} from ${onCase}`.replace("  ", " ");
    case "account.create":
      return `${who} added account ${item ?? ""} to the registry`.replace("  ", " ");
    case "account.update":
      return `${who} changed the ${fieldList(c) || "details"} of account ${item ?? ""}`.trimEnd();
    case "account.import":
      return `${who} imported accounts`;
    case "account.import.failed":
      return `${who}'s account import stopped with an error`;
    case "link.create":
      return `${who} linked two accounts${e.caseNumber ? ` citing evidence of ${onCase}` : ""}`;
    case "link.accept":
    case "link.dismiss":
      return `${who} ${verb === "accept" ? "accepted" : "dismissed"} a suggested account link${e.caseNumber ? ` on ${onCase}` : ""}`;
    case "action.create": {
      const type = changeOf(c, "type")?.after;
      return `${who} ${type === "NATIONAL_SECURITY_REVIEW" ? "drafted a national-security review" : "proposed an access revocation"} on ${onCase}`;
    }
    case "action.transition": {
      const s = changeOf(c, "status");
      return `${who} moved an action on ${onCase} from ${state(s?.before)} to ${state(s?.after)}`;
    }
    case "auth.sign-in":
      return `${who} signed in${plain(c, "method") === "sso" ? " through single sign-on" : ""}`;
    case "auth.sign-out":
      return `${who} signed out`;
    case "auth.second-factor-enrolment-started":
      return `${who} began setting up a second factor`;
    case "auth.second-factor-enabled":
      return `${who} turned on a second factor`;
    case "auth.second-factor-disabled":
      return `${who} turned off their second factor`;
    case "auth.second-factor-reset": {
      const email = plain(c, "email");
      return `${who} reset the second factor of ${typeof email === "string" ? email : "a user"}, who must enrol again`;
    }
    case "auth.recovery-code-used": {
      const left = plain(c, "recoveryCodesLeft");
      return `${who} signed in with a recovery code${typeof left === "number" ? ` (${left} left)` : ""}`;
    }
    case "auth.sign-in-failed":
    case "auth.sign-in-throttled": {
      const email = plain(c, "email");
      const what = e.action === "auth.sign-in-throttled" ? "was throttled" : "failed";
      const sso = plain(c, "method") === "sso" ? " through single sign-on" : "";
      return `A sign-in${sso}${typeof email === "string" ? ` as ${email}` : ""} ${what}${sso && typeof plain(c, "reason") === "string" ? ` (${String(plain(c, "reason"))})` : ""}`;
    }
    case "user.create":
      return `${who} added a user${typeof changeOf(c, "email")?.after === "string" ? ` (${changeOf(c, "email")?.after as string})` : ""}`;
    case "user.update":
      return `${who} changed the ${fieldList(c) || "details"} of a user`;
    case "token.create":
      return `${who} created an API token`;
    case "token.revoke":
      return `${who} revoked an API token`;
    case "settings.update":
      return `${who} changed the settings (${fieldList(c)})`;
    case "job.retry":
      return `${who} retried a background job`;
    case "webhook.redeliver":
      return `${who} queued a webhook delivery again`;
    case "webhook.test":
      return `${who} sent a test webhook`;
    case "notification.read":
      return `${who} marked notifications read`;
    default:
      return `${who}: ${domain} ${verb.replaceAll(/[._-]/g, " ")}${e.caseNumber ? ` on ${onCase}` : ""}`;
  }
}
