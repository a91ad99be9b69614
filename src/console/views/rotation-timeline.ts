// A key's rotation timeline as a picture: one row per backing key (the key material of the
// creation and of each rotation), drawn over time — solid while it was the current backing key
// (what new data is encrypted under), lighter after that while it is kept to decrypt what it
// encrypted, dashed from now to the next automatic rotation. The past takes most of the width and
// the future the rest, so seconds-old rotations stay apart from a rotation a year away.
// Inline SVG with presentation attributes only (the CSP allows no style attributes).
import { html, type SafeHtml } from "../../shared/index.ts";
import { utc } from "./format.ts";

export interface BackingKeyPeriod {
  id: string;
  start: Date;
  /** How the backing key came: with the key, by automatic rotation, or on demand. */
  origin: "creation" | "automatic" | "on demand";
  current: boolean;
}

export interface TimelineOptions {
  materials: BackingKeyPeriod[];
  now: Date;
  /** The next automatic rotation, when rotation is on. */
  next?: Date;
}

const WIDTH = 760;
const LABEL = 170;
const RIGHT = 24;
const TOP = 34;
const ROW = 26;
const BOTTOM = 40;
const MAX_ROWS = 24;
const PAST_SHARE = 0.7;
const DAY_MS = 24 * 60 * 60 * 1000;

export function rotationTimeline(o: TimelineOptions): SafeHtml {
  const all = [...o.materials].sort((a, b) => a.start.getTime() - b.start.getTime());
  const shown = all.slice(-MAX_ROWS);
  const first = all[0];
  if (!first || !shown[0]) return html`<p class="note">No key material yet.</p>`;
  const t0 = first.start.getTime();
  const now = Math.max(o.now.getTime(), all[all.length - 1]!.start.getTime());
  const next = o.next && o.next.getTime() > now ? o.next.getTime() : undefined;
  const plotWidth = WIDTH - LABEL - RIGHT;
  const pastWidth = next === undefined ? plotWidth : plotWidth * PAST_SHARE;
  const pastSpan = Math.max(now - t0, 1000);
  const x = (t: number): number => {
    if (t <= now) return LABEL + ((t - t0) / pastSpan) * pastWidth;
    return LABEL + pastWidth + (next === undefined ? 0 : ((t - now) / (next - now)) * (plotWidth - pastWidth));
  };
  const height = TOP + shown.length * ROW + BOTTOM;
  const xNow = x(now);
  const rows = shown.map((m, i) => {
    const index = all.indexOf(m);
    const following = all[index + 1];
    const end = following ? following.start.getTime() : now;
    const y = TOP + i * ROW + 5;
    const xs = x(m.start.getTime());
    const xe = Math.max(x(end), xs + 3);
    const label = `#${index + 1} ${m.origin}`;
    return html`<g class="backing-key">
  <title>Backing key #${index + 1} (${m.origin}), ${m.id}: current from ${utc(m.start)}${following ? ` to ${utc(following.start)}, kept since to decrypt` : " until now"}</title>
  <text x="${LABEL - 8}" y="${y + 12}" text-anchor="end" font-size="12" fill="#16191f">${label}</text>
  <rect x="${fixed(xs)}" y="${y}" width="${fixed(xe - xs)}" height="${ROW - 10}" rx="3" fill="#0972d3"></rect>
  ${following && xNow - xe > 0.5 ? html`<rect x="${fixed(xe)}" y="${y}" width="${fixed(xNow - xe)}" height="${ROW - 10}" rx="3" fill="#9ec5f0"></rect>` : ""}
  ${m.current && next !== undefined ? html`<rect x="${fixed(xNow)}" y="${y + 1}" width="${fixed(x(next) - xNow)}" height="${ROW - 12}" fill="none" stroke="#545b64" stroke-dasharray="5 3"></rect>` : ""}
</g>`;
  });
  const axisY = TOP + shown.length * ROW + 4;
  const description = [
    `${all.length} backing key${all.length === 1 ? "" : "s"}.`,
    ...all.map((m, i) => `#${i + 1} (${m.origin}) current from ${utc(m.start)}${m.current ? ", the current one" : ""}.`),
    next === undefined ? "Automatic rotation is off." : `Next automatic rotation ${utc(new Date(next))}.`,
  ].join(" ");
  return html`<svg class="chart" id="rotation-timeline" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="timeline-title timeline-desc" xmlns="http://www.w3.org/2000/svg">
<title id="timeline-title">Rotation timeline: backing keys over time</title>
<desc id="timeline-desc">${description}</desc>
<text x="${LABEL}" y="16" font-size="12" fill="#545b64">${shown.length < all.length ? `the ${shown.length} latest of ${all.length} backing keys` : "backing keys"}</text>
${rows}
<line x1="${LABEL}" y1="${axisY}" x2="${WIDTH - RIGHT}" y2="${axisY}" stroke="#879596"></line>
<line x1="${fixed(xNow)}" y1="${TOP - 6}" x2="${fixed(xNow)}" y2="${axisY + 6}" stroke="#16191f" stroke-width="1.5"></line>
<text x="${fixed(xNow)}" y="${TOP - 10}" text-anchor="middle" font-size="12" font-weight="600" fill="#16191f">now</text>
<text x="${LABEL}" y="${axisY + 18}" font-size="11" fill="#414d5c">${shortTime(t0, pastSpan)}</text>
${next === undefined ? html`<text x="${fixed(xNow)}" y="${axisY + 32}" text-anchor="end" font-size="11" fill="#414d5c">${shortTime(now, pastSpan, true)}</text>` : html`<text x="${fixed(xNow)}" y="${axisY + 32}" text-anchor="middle" font-size="11" fill="#414d5c">${shortTime(now, pastSpan, true)}</text>
<line x1="${fixed(x(next))}" y1="${TOP - 6}" x2="${fixed(x(next))}" y2="${axisY + 6}" stroke="#545b64" stroke-dasharray="4 3"></line>
<text x="${WIDTH - RIGHT}" y="${axisY + 18}" text-anchor="end" font-size="11" fill="#414d5c">next rotation ${shortTime(next, Infinity)}</text>`}
</svg>
<ul class="legend" aria-hidden="true">
  <li><span class="swatch current"></span>current backing key (encrypts new data)</li>
  <li><span class="swatch retained"></span>kept to decrypt what it encrypted</li>
  ${next === undefined ? "" : html`<li><span class="swatch next"></span>until the next automatic rotation</li>`}
</ul>`;
}

function fixed(n: number): string {
  return n.toFixed(1);
}

/** Minutes for spans of days and more; seconds, and for the later end the time of day only, for short ones. */
function shortTime(t: number, span: number, later = false): string {
  const iso = new Date(t).toISOString();
  if (span >= DAY_MS) return iso.slice(0, 16).replace("T", " ");
  return later ? iso.slice(11, 19) : iso.slice(0, 19).replace("T", " ");
}
