// The S3 page: the account's buckets (name, Region, created) with a link to each, and the form that
// creates one in the console's Region. A refused listing or creation is shown in place.
import { html } from "../../shared/index.ts";
import type { Problem } from "../calls/problem.ts";
import type { BucketEntry } from "../s3/answers.ts";
import { consolePage } from "./layout.ts";
import { seg, time } from "./format.ts";
import { problemView } from "./problem.ts";

export interface BucketsPageOptions {
  nonce: string;
  who: { arn: string; accountId: string };
  csrf: string;
  region: string;
  buckets: { ok: true; output: BucketEntry[] } | { ok: false; problem: Problem };
  flash?: string;
  /** The create form's value and what went wrong with it. */
  create?: { name: string; error?: string; problem?: Problem };
}

export function bucketsPage(o: BucketsPageOptions): string {
  const c = o.create;
  return consolePage({
    nonce: o.nonce,
    title: "S3 buckets",
    area: "s3",
    who: o.who,
    body: html`<h1>Amazon S3</h1>
${o.flash ? html`<p class="flash" role="status" id="flash">${o.flash}</p>` : ""}
<section class="panel" aria-labelledby="buckets-heading">
  <h2 id="buckets-heading">Buckets</h2>
  ${
    o.buckets.ok
      ? o.buckets.output.length === 0
        ? html`<p class="note" id="buckets-empty">No buckets yet.</p>`
        : html`<div class="table-wrap"><table class="stack" id="buckets">
<thead><tr><th scope="col">Name</th><th scope="col">Region</th><th scope="col">Created</th></tr></thead>
<tbody>${o.buckets.output.map((b) => html`<tr><td data-label="Name"><a href="/console/s3/buckets/${seg(b.name)}">${b.name}</a></td><td data-label="Region">${b.region}</td><td data-label="Created">${time(b.createdAt)}</td></tr>`)}</tbody>
</table></div>`
      : problemView(o.buckets.problem, { id: "buckets-problem" })
  }
</section>
<section class="panel" aria-labelledby="create-heading" id="create">
  <h2 id="create-heading">Create bucket</h2>
  ${c?.problem ? problemView(c.problem, { id: "create-problem" }) : ""}
  <form method="post" action="/console/s3/create#create" class="row">
    <input type="hidden" name="csrf" value="${o.csrf}">
    <div class="field">
      <label for="bucket-name">Bucket name</label>
      <input type="text" id="bucket-name" name="name" value="${c?.name ?? ""}" required minlength="3" maxlength="63" pattern="[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]" autocomplete="off" spellcheck="false" autocapitalize="off"${c?.error ? html` aria-invalid="true" aria-describedby="bucket-name-error"` : html` aria-describedby="bucket-name-hint"`}>
      <span class="hint" id="bucket-name-hint">3–63 lower-case letters, digits, dots and hyphens; unique across federa. Created in ${o.region}.</span>
      ${c?.error ? html`<p class="field-error" id="bucket-name-error">${c.error}</p>` : ""}
    </div>
    <div class="field"><button type="submit" class="primary" id="create-bucket">Create bucket</button></div>
  </form>
</section>`,
  });
}
