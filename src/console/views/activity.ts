// The activity page: the account's recent calls from the audit trail (time, principal, action,
// key, allowed or denied, error), and a chart of calls per hour, allowed against denied.
import { html, type SafeHtml } from "../../shared/index.ts";
import { SHOWS, type Activity, type Show } from "../activity/activity.ts";
import { consolePage } from "./layout.ts";
import { callsChart } from "./calls-chart.ts";
import { principalName, seg, time } from "./format.ts";
import type { ActivityRow } from "../activity/activity.ts";
import type { Problem } from "../calls/problem.ts";
import { problemView } from "./problem.ts";

const SHOW_WORDS: Readonly<Record<Show, string>> = {
  changes: "Changes and refusals (no successful reads)",
  all: "All calls",
  denied: "Denied calls only",
};

export function activityPage(o: { nonce: string; who: { arn: string; accountId: string }; activity: Activity; show: Show }): string {
  const a = o.activity;
  return consolePage({
    nonce: o.nonce,
    title: "Activity",
    area: "activity",
    who: o.who,
    body: html`<h1>Activity <span class="note">(account ${o.who.accountId}, since ${time(a.since)})</span></h1>
<section class="panel" aria-labelledby="chart-heading">
  <h2 id="chart-heading">Calls per hour</h2>
  ${callsChart(a.hours)}
</section>
<section class="panel" aria-labelledby="events-heading">
  <div class="panel-head">
    <h2 id="events-heading">Recent events</h2>
    <form method="get" action="/console/activity" class="row">
      <div class="field"><label for="show">Show</label>
        <select id="show" name="show">${SHOWS.map((s) => html`<option value="${s}"${s === o.show ? html` selected` : ""}>${SHOW_WORDS[s]}</option>`)}</select>
      </div>
      <div class="field"><button type="submit">Apply</button></div>
    </form>
  </div>
  <p class="note">${a.rows.length} of ${a.total} events of the last day, newest first, times in UTC: calls to the AWS APIs and the console's own calls (user agent federa-console), from the audit trail. A denial's reason is decoded for your own calls.</p>
  ${
    a.rows.length === 0
      ? html`<p class="note" id="no-events">No events.</p>`
      : html`<div class="table-wrap"><table class="stack" id="events">
  <thead><tr><th scope="col">Time</th><th scope="col">Principal</th><th scope="col">Action</th><th scope="col">Key or resource</th><th scope="col">Result</th><th scope="col">Error</th></tr></thead>
  <tbody>${a.rows.map(
    (r) => html`<tr class="event ${r.result}">
    <td data-label="Time" class="nowrap"><time datetime="${r.time.toISOString()}">${r.time.toISOString().slice(0, 19).replace("T", " ")}</time></td>
    <td data-label="Principal" title="${r.principalArn}">${breakable(principalName(r.principalArn))}</td>
    <td data-label="Action" class="nowrap"><code>${r.action}</code></td>
    <td data-label="Key or resource" class="id">${r.keyId ? html`<a href="/console/kms/keys/${seg(r.keyId)}" title="${r.resource}">${r.keyId}</a>` : r.resource || html`<span class="muted">–</span>`}</td>
    <td data-label="Result"><span class="result-${r.result}">${r.result === "allowed" ? "Allowed" : r.result === "denied" ? "Denied" : "Failed"}</span></td>
    <td data-label="Error" class="error">${r.errorCode ? html`<code>${r.errorCode}</code>${errorWords(r)}` : ""}</td>
  </tr>`,
  )}</tbody></table></div>`
  }
</section>`,
  });
}

/** The activity page for a caller who may not look up the account's events: the refusal, in words. */
export function activityRefusedPage(o: { nonce: string; who: { arn: string; accountId: string }; problem: Problem }): string {
  return consolePage({
    nonce: o.nonce,
    title: "Activity",
    area: "activity",
    who: o.who,
    body: html`<h1>Activity <span class="note">(account ${o.who.accountId})</span></h1>
<section class="panel" aria-labelledby="refused-heading">
  <h2 id="refused-heading">Event history</h2>
  ${problemView(o.problem, { id: "activity-problem" })}
  <p class="note">The account's events are CloudTrail's event history: a role sees them when its policy allows <code>cloudtrail:LookupEvents</code> (in the lab world, ADFS-KeyAdmins and ADFS-Auditors).</p>
</section>`,
  });
}

/** The error after its code: for a denial the reason alone (the other columns say who, what and which key). */
function errorWords(r: ActivityRow): SafeHtml {
  if (r.result === "denied") {
    const because = r.reason ?? /( because .*| with an explicit deny .*)$/.exec(r.errorMessage ?? "")?.[1]?.trim();
    return because ? html`<br><span class="reason">${because.charAt(0).toUpperCase() + because.slice(1)}.</span>` : html``;
  }
  const message = r.errorMessage ?? "";
  return message ? html`<br>${message.length > 240 ? `${message.slice(0, 240)}…` : message}` : html``;
}

/** A role session's name, breakable after the role ("ADFS-Developers/" then "alice@…") rather than at its hyphens. */
function breakable(name: string): SafeHtml {
  const slash = name.indexOf("/");
  return slash < 0 ? html`${name}` : html`<span class="nowrap">${name.slice(0, slash + 1)}</span><wbr>${name.slice(slash + 1)}`;
}
