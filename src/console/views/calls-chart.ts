// Calls per hour over the last day as a picture: one stacked bar per hour, calls that were
// allowed below and calls that were denied above, with the same numbers as a table beside it.
// Inline SVG with presentation attributes only (the CSP allows no style attributes).
import { html, type SafeHtml } from "../../shared/index.ts";
import type { HourBucket } from "../activity/activity.ts";

const WIDTH = 760;
const HEIGHT = 230;
const LEFT = 44;
const RIGHT = 12;
const TOP = 14;
const BOTTOM = 36;

/** A tick step of 1, 2 or 5 times a power of ten, so that four steps cover n. */
function niceStep(n: number): number {
  const raw = Math.max(n, 4) / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export function callsChart(hours: HourBucket[]): SafeHtml {
  const step = niceStep(Math.max(0, ...hours.map((h) => h.allowed + h.denied)));
  const max = 4 * step;
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT - RIGHT) / Math.max(hours.length, 1);
  const barW = Math.max(2, slot * 0.7);
  const y = (n: number) => TOP + plotH - (n / max) * plotH;
  const totalAllowed = hours.reduce((s, h) => s + h.allowed, 0);
  const totalDenied = hours.reduce((s, h) => s + h.denied, 0);
  const ticks = [0, step, 2 * step, 3 * step, max];
  const hh = (d: Date) => d.toISOString().slice(11, 16);
  return html`<svg class="chart" id="calls-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">Calls per hour, allowed against denied</title>
<desc id="chart-desc">Over the last ${hours.length} hours: ${totalAllowed} calls allowed, ${totalDenied} denied. The table below the chart has the numbers hour by hour.</desc>
${ticks.map((t) => html`<line x1="${LEFT}" y1="${y(t).toFixed(1)}" x2="${WIDTH - RIGHT}" y2="${y(t).toFixed(1)}" stroke="#e9ebed"></line>
<text x="${LEFT - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#545b64">${String(t)}</text>`)}
${hours.map((h, i) => {
  const x = LEFT + i * slot + (slot - barW) / 2;
  const allowedTop = y(h.allowed);
  const deniedTop = y(h.allowed + h.denied);
  return html`<g class="hour"><title>${hh(h.start)} UTC: ${h.allowed} allowed, ${h.denied} denied</title>
${h.allowed > 0 ? html`<rect x="${x.toFixed(1)}" y="${allowedTop.toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(0) - allowedTop).toFixed(1)}" fill="#0972d3"></rect>` : ""}
${h.denied > 0 ? html`<rect class="denied-bar" x="${x.toFixed(1)}" y="${deniedTop.toFixed(1)}" width="${barW.toFixed(1)}" height="${(allowedTop - deniedTop).toFixed(1)}" fill="#d91515"></rect>` : ""}
${i % 3 === 0 ? html`<text x="${(LEFT + i * slot + slot / 2).toFixed(1)}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11" fill="#545b64">${hh(h.start)}</text>` : ""}</g>`;
})}
<line x1="${LEFT}" y1="${y(0).toFixed(1)}" x2="${WIDTH - RIGHT}" y2="${y(0).toFixed(1)}" stroke="#879596"></line>
<text x="${WIDTH - RIGHT}" y="${HEIGHT - 4}" text-anchor="end" font-size="11" fill="#545b64">hour (UTC)</text>
</svg>
<ul class="legend" aria-hidden="true"><li><span class="swatch allowed"></span>allowed (${totalAllowed})</li><li><span class="swatch denied"></span>denied (${totalDenied})</li></ul>
<details><summary>Calls per hour as a table</summary>
<div class="table-wrap"><table id="calls-table"><thead><tr><th scope="col">Hour (UTC)</th><th scope="col">Allowed</th><th scope="col">Denied</th></tr></thead>
<tbody>${hours.map((h) => html`<tr><td>${h.start.toISOString().slice(0, 13).replace("T", " ")}:00</td><td>${h.allowed}</td><td>${h.denied}</td></tr>`)}</tbody></table></div>
</details>`;
}
