// report.pdf inside the case file: a readable report of what case.json holds (summary, status
// history, accounts, links, actions, an evidence table with SHA-256, the timeline of audit
// events), drawn with pdfkit's built-in Helvetica (no font files to ship). The document is a
// stream: pages go out as they are drawn.
import PDFDocument from "pdfkit";
import type { CaseFileData } from "@/lib/export/case-file-data";

/** `seq` is null in the files of exporters who do not read the audit chain (decision 0020). */
export type TimelineEntry = { seq: number | null; at: string; actorEmail: string | null; action: string; entityType: string; entityId: string | null };

/** How many audit events the report's timeline lists (all of them are in audit.jsonl). */
export const TIMELINE_LIMIT = 2_000;

const MARGIN = 50;
const GREY = "#555555";

export function caseReportPdf(data: CaseFileData, timeline: TimelineEntry[], timelineTotal: number, checkpoint: { seq: number; hash: string; at: string } | null): PDFKit.PDFDocument {
  const c = data.case;
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: false,
    info: { Title: `${c.number} ${c.title}`, Author: "Lantern", Subject: "Case file report", CreationDate: new Date(data.exportedAt) },
  });
  const width = doc.page.width - 2 * MARGIN;

  const heading = (text: string) => {
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor("black").text(text, MARGIN, undefined, { width });
    doc.moveDown(0.2).font("Helvetica").fontSize(9);
  };
  const line = (label: string, value: string) => {
    doc.font("Helvetica-Bold").fontSize(9).fillColor("black").text(`${label}: `, MARGIN, undefined, { continued: true, width }).font("Helvetica").text(value || "—");
  };
  const none = (what: string) => doc.font("Helvetica-Oblique").fontSize(9).fillColor(GREY).text(`No ${what}.`, MARGIN, undefined, { width }).fillColor("black").font("Helvetica");
  /** One table row: cells at fixed fractions of the width; the row is as tall as its tallest cell. */
  const row = (cells: string[], fractions: number[], bold = false) => {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(8).fillColor("black");
    const widths = fractions.map((f) => f * width - 4);
    const height = Math.max(...cells.map((t, i) => doc.heightOfString(t || "—", { width: widths[i] })));
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((t, i) => {
      doc.text(t || "—", x, y, { width: widths[i] });
      x += fractions[i] * width;
    });
    doc.x = MARGIN;
    doc.y = y + height + 3;
  };

  doc.font("Helvetica-Bold").fontSize(18).text(`${c.number}: ${c.title}`, { width });
  doc.font("Helvetica").fontSize(9).fillColor(GREY).text(`Case file exported ${data.exportedAt} by ${data.exportedBy.email}. Format ${data.format}. The signed manifest.json lists every file of this case file with its SHA-256.`, { width });
  doc.fillColor("black");

  heading("Summary");
  line("Status", c.status + (c.resolution ? ` (${c.resolution})` : ""));
  line("Severity", c.severity);
  line("Restricted", c.restricted ? "yes" : "no");
  line("Lead", c.lead ? `${c.lead.name} <${c.lead.email}>` : "");
  line("Members", data.members.map((m) => m.name).join(", "));
  line("Tags", c.tags.join(", "));
  line("Opened", `${c.createdAt} by ${c.createdBy.email}`);
  line("Due", c.dueAt ?? "");
  line("Closed", c.closedAt ?? "");
  doc.moveDown(0.3).text(c.summary || "(no summary)", { width });

  heading("Status history");
  if (data.statusHistory.length === 0) none("status changes");
  else {
    row(["When", "By", "From -> to", "Reason"], [0.25, 0.25, 0.2, 0.3], true);
    for (const s of data.statusHistory) row([s.at, s.by ?? "", `${s.from ?? "—"} -> ${s.to ?? "—"}`, [s.reason, s.resolution].filter(Boolean).join("; ")], [0.25, 0.25, 0.2, 0.3]);
  }

  heading(`Accounts (${data.accounts.length})`);
  if (data.accounts.length === 0) none("accounts on this case");
  else {
    row(["External id", "Name / organization", "Role", "Status", "Attributes"], [0.18, 0.22, 0.1, 0.1, 0.4], true);
    for (const a of data.accounts) row([a.externalId, [a.displayName, a.organization].filter(Boolean).join(" / "), a.role, a.status, a.attributes.map((x) => `${x.type} ${x.value}`).join("\n")], [0.18, 0.22, 0.1, 0.1, 0.4]);
  }

  heading(`Links (${data.links.length})`);
  if (data.links.length === 0) none("links");
  else {
    const ext = new Map(data.accounts.map((a) => [a.id, a.externalId]));
    row(["Accounts", "Status", "Source", "Confidence", "Reason"], [0.3, 0.12, 0.12, 0.12, 0.34], true);
    for (const l of data.links) row([l.accountIds.map((id) => ext.get(id) ?? id).join(" <-> "), l.status, l.source, l.confidence.toFixed(2), l.reason], [0.3, 0.12, 0.12, 0.12, 0.34]);
  }

  heading(`Actions (${data.actions.length})`);
  if (data.actions.length === 0) none("actions");
  for (const a of data.actions) {
    doc.font("Helvetica-Bold").fontSize(9).text(`${a.type} — ${a.status}`, MARGIN, undefined, { width });
    doc.font("Helvetica").fontSize(8).text(`Targets: ${a.targets.map((t) => `${t.kind} ${t.value}`).join(", ") || "—"}. Proposed by ${a.proposedBy.email}. ${a.justification}`, { width });
    for (const h of a.history) doc.fillColor(GREY).text(`  ${h.at}  ${h.from ?? "—"} -> ${h.to}  ${h.actor?.email ?? ""}${h.comment ? `: ${h.comment}` : ""}`, { width }).fillColor("black");
    doc.moveDown(0.3);
  }

  heading("Distillation findings");
  const f = data.findings;
  if (!f) none("completed log ingestion, so no findings");
  else {
    doc.text(`${f.totals.flagged} of ${f.totals.accounts} accounts flagged (threshold ${f.threshold}) over ${f.totals.requests.toLocaleString("en")} requests in ${f.runs.length} ingested log(s); ${f.totals.clusters} cluster(s). Computed ${f.computedAt}.`, MARGIN, undefined, { width });
    if (f.flaggedAccounts.length) {
      doc.moveDown(0.3);
      row(["Account", "Score", "Requests", "Main factors"], [0.25, 0.1, 0.12, 0.53], true);
      for (const a of f.flaggedAccounts) row([a.externalId, a.score.toFixed(0), String(a.requests), a.factors.filter((x) => x.points > 0).sort((x, y) => y.points - x.points).slice(0, 3).map((x) => `${x.label} (+${x.points.toFixed(0)})`).join("; ")], [0.25, 0.1, 0.12, 0.53]);
    }
  }

  heading(`Evidence (${data.evidence.length})`);
  if (data.evidence.length === 0) none("evidence");
  else {
    row(["Title / file", "Size", "SHA-256", "Added"], [0.3, 0.1, 0.4, 0.2], true);
    for (const e of data.evidence) {
      row([`${e.title}\n${e.file ?? `(removed: ${e.removalReason ?? ""})`}`, `${e.sizeBytes.toLocaleString("en")} B`, e.sha256, `${e.createdAt}\n${e.uploadedBy.email}`], [0.3, 0.1, 0.4, 0.2]);
    }
  }

  heading(`Timeline (${timelineTotal} audit events${timelineTotal > timeline.length ? `; the first ${timeline.length} listed, all in audit.jsonl` : ""})`);
  if (timeline.length === 0) none("audit events");
  else {
    row(["#", "When", "Who", "What"], [0.08, 0.25, 0.27, 0.4], true);
    for (const t of timeline) row([t.seq === null ? "" : String(t.seq), t.at, t.actorEmail ?? "", `${t.action} ${t.entityType}${t.entityId ? ` ${t.entityId}` : ""}`], [0.08, 0.25, 0.27, 0.4]);
  }

  heading("Audit checkpoint");
  if (checkpoint) doc.text(`Signed checkpoint of the audit chain: event ${checkpoint.seq}, hash ${checkpoint.hash}, at ${checkpoint.at} (audit-checkpoint.json).`, { width });
  else if (!data.auditEvents.withChainFields) doc.text("Not included: the exporter's role reads the case's audit events but not the audit chain (sequence numbers, hashes, addresses); an administrator's or auditor's case file carries them and a signed checkpoint.", { width });
  else none("checkpoint");

  doc.end();
  return doc;
}
