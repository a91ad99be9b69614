// The KMS page: customer managed keys and AWS managed keys, in two lists (aliases, key ID, status,
// key spec, key usage), a way to open a key by alias, ID or ARN, and the create-key wizard.
import { html, type SafeHtml } from "../../shared/index.ts";
import type { KeyList, KeyRow } from "../kms/list.ts";
import { consolePage } from "./layout.ts";
import { seg, stateBadge, usageWords } from "./format.ts";
import { problemView } from "./problem.ts";

export interface KeysPageOptions {
  nonce: string;
  who: { arn: string; accountId: string };
  region: string;
  list: KeyList;
  /** The "open a key" form's value and why it failed. */
  open?: { value: string; error: string | SafeHtml };
}

export function keysPage(o: KeysPageOptions): string {
  const { list } = o;
  return consolePage({
    nonce: o.nonce,
    title: "KMS keys",
    area: "kms",
    who: o.who,
    body: html`<h1>Key Management Service <span class="note">(${o.region})</span></h1>
${list.listProblem ? problemView(list.listProblem, { id: "list-problem" }) : ""}
${list.aliasProblem ? problemView(list.aliasProblem, { id: "alias-problem", compact: true }) : ""}
<section class="panel" aria-labelledby="customer-heading">
  <div class="panel-head">
    <h2 id="customer-heading">Customer managed keys</h2>
    <a class="button primary" href="/console/kms/create" id="create-key">Create key</a>
  </div>
  ${list.listProblem ? html`<p class="note">The keys cannot be listed with this role.</p>` : keyTable(list.customer, "customer-keys", "No customer managed keys yet.")}
</section>
<section class="panel" aria-labelledby="aws-heading">
  <h2 id="aws-heading">AWS managed keys</h2>
  ${list.listProblem ? html`<p class="note">The keys cannot be listed with this role.</p>` : keyTable(list.aws, "aws-keys", "No AWS managed keys yet: an AWS service makes its key on first use (S3's aws/s3 when an object is stored with SSE-KMS and no key is named).")}
</section>
<section class="panel" aria-labelledby="open-heading">
  <h2 id="open-heading">Open a key</h2>
  <form method="get" action="/console/kms/open" class="row">
    <div class="field">
      <label for="open-key">Alias, key ID or key ARN</label>
      <input type="text" id="open-key" name="key" value="${o.open?.value ?? ""}" required maxlength="2048" autocomplete="off" spellcheck="false"${o.open ? html` aria-invalid="true" aria-describedby="open-error"` : ""}>
      ${o.open ? html`<p class="field-error" id="open-error">${o.open.error}</p>` : ""}
    </div>
    <div class="field"><button type="submit">Open</button></div>
  </form>
</section>`,
  });
}

function keyTable(rows: KeyRow[], id: string, empty: string): SafeHtml {
  if (rows.length === 0) return html`<p class="note" id="${id}-empty">${empty}</p>`;
  return html`<div class="table-wrap"><table class="stack" id="${id}">
<thead><tr><th scope="col">Aliases</th><th scope="col">Key ID</th><th scope="col">Status</th><th scope="col">Key spec</th><th scope="col">Key usage</th></tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr>
  <td data-label="Aliases">${r.aliases.length > 0 ? r.aliases.map((a, i) => html`${i > 0 ? html`<br>` : ""}<a href="/console/kms/keys/${seg(r.keyId)}">${a}</a>`) : html`<span class="muted">–</span>`}</td>
  <td data-label="Key ID" class="id"><a href="/console/kms/keys/${seg(r.keyId)}">${r.keyId}</a></td>
  <td data-label="Status">${r.problem ? html`<span class="muted" title="${r.problem.message}">${r.problem.summary}</span>` : stateBadge(r.state)}</td>
  <td data-label="Key spec">${r.keySpec ?? ""}</td>
  <td data-label="Key usage">${usageWords(r.keyUsage)}</td>
</tr>`,
)}
</tbody></table></div>`;
}
