import { ScanReport } from './report';

const esc = (s: unknown) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const COLOURS: Record<string, string> = { CRITICAL: '#8b0000', HIGH: '#d9480f', MEDIUM: '#e6a700', LOW: '#5c7cfa' };

function bar(label: string, score: number | null): string {
  const pct = score ?? 0;
  const colour = score === null ? '#adb5bd' : pct >= 90 ? '#2b8a3e' : pct >= 70 ? '#e6a700' : '#c92a2a';
  return `<div class="row"><span class="label">${esc(label)}</span><span class="track"><span class="bar" data-score="${score ?? ''}" style="width:${pct}%;background:${colour}"></span></span>`
    + `<span class="value">${score === null ? 'n/a' : `${score}%`}</span></div>`;
}

/** A self-contained HTML report (no external assets): score bars per category and severity, top findings. */
export function renderHtml(report: ScanReport, topFindings = 100): string {
  const cats = Object.entries(report.score.byCategory).map(([k, v]) => bar(k, v?.score ?? null)).join('\n');
  const sevs = Object.entries(report.score.bySeverity).map(([k, v]) => bar(k, v?.score ?? null)).join('\n');
  const rows = report.findings.slice(0, topFindings).map((f) =>
    `<tr><td><span class="sev" style="background:${COLOURS[f.severity]}">${esc(f.severity)}</span></td><td>${esc(f.checkId)}</td><td>${esc(f.region)}</td>`
    + `<td class="res">${esc(f.resourceId)}</td><td>${esc(f.reason)}</td><td>${esc(f.remediation)}</td></tr>`).join('\n');
  const errors = report.errors.slice(0, 50).map((e) => `<li>${esc(e.service)}:${esc(e.api)} in ${esc(e.region)}${e.resource ? ` for ${esc(e.resource)}` : ''}: ${esc(e.code)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Compliance scan ${esc(report.accountId)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#212529}
h1{font-size:1.4rem} .status{padding:.2rem .6rem;border-radius:4px;color:#fff;background:${report.status === 'COMPLETE' ? '#2b8a3e' : report.status === 'PARTIAL' ? '#e67700' : '#c92a2a'}}
.overall{font-size:3rem;font-weight:700} .grid{display:grid;grid-template-columns:1fr 1fr;gap:2rem;max-width:1100px}
.row{display:flex;align-items:center;margin:.3rem 0} .label{width:7rem} .track{flex:1;height:1rem;background:#e9ecef;border-radius:3px;overflow:hidden}
.bar{display:block;height:100%} .value{width:4rem;text-align:right}
table{border-collapse:collapse;margin-top:1rem;font-size:.85rem} td,th{border-bottom:1px solid #dee2e6;padding:.3rem .5rem;text-align:left;vertical-align:top}
.sev{color:#fff;padding:.1rem .4rem;border-radius:3px;font-size:.75rem} .res{word-break:break-all;max-width:24rem}
</style></head><body>
<h1>Compliance scan — account ${esc(report.accountId)} <span class="status">${esc(report.status)}</span></h1>
<p>${esc(report.regions.join(', '))} · ${esc(report.startedAt)} · ${(report.durationMs / 1000).toFixed(1)} s · scan ${esc(report.scanId)}</p>
${report.statusReasons.length ? `<p><strong>Why not complete:</strong> ${esc(report.statusReasons.join('; '))}</p>` : ''}
<div class="overall" id="overall">${report.score.overall === null ? 'n/a' : `${report.score.overall}%`}</div>
<div class="grid"><section><h2>By category</h2>
${cats}
</section><section><h2>By severity</h2>
${sevs}
</section></div>
<h2>Top findings (${Math.min(topFindings, report.findings.length)} of ${report.findings.length})</h2>
<table><thead><tr><th>Severity</th><th>Check</th><th>Region</th><th>Resource</th><th>Why</th><th>Remediation</th></tr></thead><tbody>
${rows}
</tbody></table>
${errors ? `<h2>Errors</h2><ul>${errors}</ul>` : ''}
<p><small>${esc(report.score.formula)}</small></p>
</body></html>
`;
}
