// The readable rendering of a report: one self-contained HTML page (no scripts, no external
// resources) that embeds the JSON document in a <script type="application/json"> block, so the
// evidence item's one SHA-256 covers both the reading and the data (decision 0017).
import type { DistillationReport } from "@/lib/distillation-report/report-schema";

export const EMBEDDED_JSON_ID = "lantern-distillation-report";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (v: unknown): string => String(v ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** JSON safe inside a script element: every "<" escaped, so no "</script>" or "<!--" can appear. */
export function embeddedJson(report: DistillationReport): string {
  return JSON.stringify(report, null, 2).replace(/</g, "\\u003c");
}

/** The JSON document back out of a rendering (for readers and tests). */
export function extractEmbeddedJson(html: string): unknown {
  const m = new RegExp(`<script type="application/json" id="${EMBEDDED_JSON_ID}">([\\s\\S]*?)</script>`).exec(html);
  if (!m) throw new Error("no embedded report JSON");
  return JSON.parse(m[1]);
}

const num = (n: number) => n.toLocaleString("en-US");

export function renderReportHtml(r: DistillationReport): string {
  const title = `Distillation report — ${r.case.number}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#0f172a;max-width:1100px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:2rem 0 .5rem;border-bottom:1px solid #e2e8f0;padding-bottom:.25rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #e2e8f0;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f8fafc}code{font-size:12px;word-break:break-all}.muted{color:#475569}.num{text-align:right;font-variant-numeric:tabular-nums}
ul{margin:.25rem 0;padding-left:1.25rem}
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="muted">${esc(r.case.title)} · generated ${esc(r.generatedAt)} by ${esc(r.generatedBy.email)} · schema ${esc(r.schema)} v${r.schemaVersion}</p>
<p><strong>${num(r.totals.flagged)}</strong> of ${num(r.totals.accounts)} accounts flagged (score ≥ ${esc(r.parameters.threshold)}), in ${num(r.clusters.length)} cluster(s), from ${num(r.totals.requests)} requests in ${num(r.sources.length)} log(s).</p>
${sources(r)}
${parameters(r)}
${flagged(r)}
${clusters(r)}
<h2>Machine-readable form</h2>
<p class="muted">The complete report is embedded in this file as JSON (the script element with id <code>${EMBEDDED_JSON_ID}</code>); this page shows the same data.</p>
<script type="application/json" id="${EMBEDDED_JSON_ID}">${embeddedJson(r)}</script>
</body>
</html>
`;
}

function sources(r: DistillationReport): string {
  const rows = r.sources
    .map((s) => `<tr><td>${esc(s.title)}<br><span class="muted">${esc(s.fileName)}</span></td><td><code>${esc(s.sha256)}</code></td><td><code>${esc(s.ingestRunId)}</code></td><td class="num">${num(s.linesOk)} / ${num(s.linesTotal)}</td><td class="num">${num(s.linesFailed)}</td></tr>`)
    .join("\n");
  return `<h2>Sources</h2>
<table><thead><tr><th>Log (evidence)</th><th>SHA-256</th><th>Ingest run</th><th>Lines read / total</th><th>Malformed</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function parameters(r: DistillationReport): string {
  const p = r.parameters;
  const weights = Object.entries(p.weights).map(([k, v]) => `<li>${esc(k)}: ${esc(v)}</li>`).join("");
  const limits = Object.entries(p.joinLimits).map(([k, v]) => `<li>${esc(k)}: ${esc(v)}</li>`).join("");
  return `<h2>Parameters</h2>
<p>Flag threshold: <strong>${esc(p.threshold)}</strong> (of 100). Minimum basis: ${esc(p.minBasis)}. Method: ${esc(p.method)}.</p>
<table><tbody>
<tr><th>Factor weights</th><td><ul>${weights}</ul></td></tr>
<tr><th>Join limits</th><td><ul>${limits}</ul></td></tr>
<tr><th>Reasoning phrases</th><td>${p.reasoningPhrases.map((x) => `“${esc(x)}”`).join(", ")}</td></tr>
</tbody></table>`;
}

function flagged(r: DistillationReport): string {
  if (r.flaggedAccounts.length === 0) return `<h2>Flagged accounts</h2><p>No account reached the threshold.</p>`;
  const rows = r.flaggedAccounts
    .map((a, i) => {
      const factors = a.factors.map((f) => `<li><strong>${esc(f.label)}</strong> (+${esc(f.points)}): ${esc(f.detail)}</li>`).join("");
      const indicators = a.indicators.map((x) => `<li>${esc(x.sentence)}</li>`).join("");
      return `<tr><td class="num">${i + 1}</td><td>${esc(a.externalId)}${a.displayName ? `<br><span class="muted">${esc(a.displayName)}</span>` : ""}</td><td class="num">${esc(a.score)}</td><td class="num">${num(a.requests)}</td><td>${esc(a.clusterId ?? "—")}</td><td><ul>${factors}</ul><details><summary>Indicators</summary><ul>${indicators}</ul></details></td></tr>`;
    })
    .join("\n");
  return `<h2>Flagged accounts</h2>
<table><thead><tr><th>#</th><th>Account</th><th>Score</th><th>Requests</th><th>Cluster</th><th>Factors</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function clusters(r: DistillationReport): string {
  if (r.clusters.length === 0) return `<h2>Clusters</h2><p>The flagged accounts form no cluster.</p>`;
  const items = r.clusters
    .map((c) => {
      const members = c.members.map((m) => `${esc(m.externalId)}${m.flagged ? " (flagged)" : ""}`).join(", ");
      const joins = c.joins.map((j) => `<li>${esc(j.type)} <code>${esc(j.value)}</code> shared by ${num(j.accountIds.length)} accounts</li>`).join("");
      return `<h3>Cluster ${esc(c.id)}: ${num(c.size)} accounts, pooled score ${esc(c.score)}, ${num(c.flaggedMembers)} flagged</h3>
<p>Members: ${members}</p><ul>${joins}</ul>`;
    })
    .join("\n");
  return `<h2>Clusters</h2>\n${items}`;
}
