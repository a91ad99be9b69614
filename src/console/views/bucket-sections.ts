// The sections of a bucket's page: objects (with each one's encryption, download and delete),
// upload with its properties step (server-side encryption: the bucket's default, SSE-S3, or
// SSE-KMS with a key from the account's keys or an ARN), default encryption, bucket policy, and
// deletion. Every form carries the CSRF token and shows its failure in place.
import { html, type SafeHtml } from "../../shared/index.ts";
import { labRequireSseKmsPolicy } from "../../iam/index.ts";
import type { Problem } from "../calls/problem.ts";
import type { BucketDetail, KeyChoices, ObjectRow } from "../s3/load.ts";
import type { BucketDrafts, BucketSection } from "../s3/actions.ts";
import type { UploadDrafts } from "../s3/upload.ts";
import { prettyPolicy, seg, time } from "./format.ts";
import { problemView } from "./problem.ts";

export interface BucketSectionContext {
  csrf: string;
  detail: BucketDetail;
  problems: Partial<Record<BucketSection, Problem>>;
  errors: Partial<Record<string, string>>;
  drafts: BucketDrafts;
  upload: UploadDrafts;
}

const csrfField = (csrf: string): SafeHtml => html`<input type="hidden" name="csrf" value="${csrf}">`;
const bucketPath = (s: BucketSectionContext, action: string): string => `/console/s3/buckets/${seg(s.detail.name)}/${action}`;

function fieldError(s: BucketSectionContext, name: string): SafeHtml {
  const error = s.errors[name];
  return error ? html`<p class="field-error" id="${name}-error">${error}</p>` : html``;
}

function invalid(s: BucketSectionContext, name: string): SafeHtml {
  return s.errors[name] ? html` aria-invalid="true" aria-describedby="${name}-error"` : html``;
}

function sizeWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "SSE-KMS (key 1234…)", "SSE-S3", as the console names them. */
function encryptionWords(row: ObjectRow): SafeHtml {
  if (row.problem) return html`<span class="muted" title="${row.problem.code}: ${row.problem.message}">not readable (${row.problem.code})</span>`;
  if (row.encryption === "aws:kms") return html`<span class="badge ok">SSE-KMS</span> <code class="kms-key">${row.kmsKeyId ?? ""}</code>`;
  if (row.encryption === "AES256") return html`<span class="badge ok">SSE-S3</span>`;
  return html`<span class="badge warn">None</span>`;
}

export function objectsSection(s: BucketSectionContext, token: string | undefined): SafeHtml {
  const part = s.detail.objects;
  const problem = s.problems.objects;
  return html`<section class="panel" id="objects" aria-labelledby="objects-heading">
  <h2 id="objects-heading">Objects</h2>
  ${problem ? problemView(problem, { id: "objects-problem" }) : ""}
  ${fieldError(s, "objects")}
  ${
    !part.ok
      ? problemView(part.problem, { id: "objects-unreadable", compact: true })
      : part.output.rows.length === 0
        ? html`<p class="note" id="objects-empty">${token ? "No more objects." : "This bucket is empty."}</p>`
        : html`<div class="table-wrap"><table class="stack" id="object-list">
<thead><tr><th scope="col">Key</th><th scope="col">Size</th><th scope="col">Last modified</th><th scope="col">Encryption</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>${part.output.rows.map(
            (r) => html`<tr>
  <td data-label="Key" class="mono object-key">${r.key}</td>
  <td data-label="Size">${sizeWords(r.size)}</td>
  <td data-label="Last modified">${time(r.lastModified)}</td>
  <td data-label="Encryption">${encryptionWords(r)}</td>
  <td data-label="Actions"><a href="${bucketPath(s, "object")}?key=${encodeURIComponent(r.key)}" download aria-label="Download ${r.key}">Download</a>
    <form method="post" action="${bucketPath(s, "objects/delete")}#objects" class="inline">${csrfField(s.csrf)}<input type="hidden" name="key" value="${r.key}"><button type="submit" class="link" aria-label="Delete ${r.key}">Delete</button></form></td>
</tr>`,
          )}</tbody>
</table></div>
${part.output.next ? html`<p><a href="/console/s3/buckets/${seg(s.detail.name)}?token=${encodeURIComponent(part.output.next)}#objects" id="next-objects">Next objects</a></p>` : ""}`
  }
</section>`;
}

/** The key picker of SSE-KMS: the account's keys when they can be listed, and always an ARN field. */
function keyPicker(s: BucketSectionContext, keys: KeyChoices, prefix: string, picked: string, arnDraft: string, current?: string): SafeHtml {
  const selected = picked !== "" ? picked : current && keys.choices.some((k) => k.arn === current || k.keyId === current) ? (keys.choices.find((k) => k.arn === current || k.keyId === current)?.arn ?? "") : keys.choices.length > 0 ? "aws/s3" : "arn";
  return html`<div class="field">
    <label for="${prefix}-key">AWS KMS key</label>
    <select id="${prefix}-key" name="key">
      <option value="aws/s3"${selected === "aws/s3" ? html` selected` : ""}>AWS managed key (aws/s3)</option>
      ${keys.choices.map((k) => html`<option value="${k.arn}"${selected === k.arn ? html` selected` : ""}>${k.label}</option>`)}
      <option value="arn"${selected === "arn" ? html` selected` : ""}>Enter a key ARN…</option>
    </select>
    ${keys.problem ? html`<span class="hint" id="${prefix}-keys-unlisted">Your role may not list the account's keys (${keys.problem.code}): enter the key's ARN below.</span>` : ""}
  </div>
  <div class="field">
    <label for="${prefix}-key-arn">Key ARN</label>
    <input type="text" id="${prefix}-key-arn" name="key-arn" value="${arnDraft}" maxlength="2048" autocomplete="off" spellcheck="false" autocapitalize="off" placeholder="arn:aws:kms:region:account:key/key-id"${invalid(s, "key-arn")}>
    <span class="hint">Used when “Enter a key ARN” is chosen. A key in another account must allow you in its key policy.</span>
    ${fieldError(s, "key-arn")}
  </div>`;
}

export function uploadSection(s: BucketSectionContext): SafeHtml {
  const u = s.upload;
  const problem = s.problems.upload;
  const radio = (value: string, id: string, label: string, hint: string) =>
    html`<div class="choice"><input type="radio" id="${id}" name="sse" value="${value}" aria-describedby="${id}-hint"${u.sse === value ? html` checked` : ""}><div><label for="${id}">${label}</label><span class="hint" id="${id}-hint">${hint}</span></div></div>`;
  return html`<section class="panel" id="upload" aria-labelledby="upload-heading">
  <h2 id="upload-heading">Upload</h2>
  ${problem ? problemView(problem, { id: "upload-problem" }) : ""}
  <form method="post" action="${bucketPath(s, "upload")}#upload" enctype="multipart/form-data">
    ${csrfField(s.csrf)}
    <div class="field">
      <label for="object-key">Object key</label>
      <input type="text" id="object-key" name="object-key" value="${u.objectKey}" maxlength="1024" autocomplete="off" spellcheck="false" autocapitalize="off" aria-describedby="object-key-hint"${invalid(s, "object-key")}>
      <span class="hint" id="object-key-hint">Leave empty to use the file's name; a key may hold “/” (reports/q1.txt).</span>
      ${fieldError(s, "object-key")}
    </div>
    <fieldset class="properties">
      <legend>Properties: server-side encryption</legend>
      ${radio("default", "sse-default", "Use the bucket's default encryption", "No encryption header: the bucket's default applies (and a bucket policy that requires a header refuses the upload).")}
      ${radio("AES256", "sse-s3", "SSE-S3", "Amazon S3 managed keys (x-amz-server-side-encryption: AES256).")}
      ${radio("aws:kms", "sse-kms", "SSE-KMS", "An AWS KMS key (x-amz-server-side-encryption: aws:kms): you need kms:GenerateDataKey on it.")}
      ${keyPicker(s, s.detail.keys, "upload", u.key, u.kmsKeyArn)}
    </fieldset>
    <div class="field">
      <label for="upload-file">File</label>
      <input type="file" id="upload-file" name="file" required${invalid(s, "file")}>
      ${fieldError(s, "file")}
    </div>
    <button type="submit" class="primary" id="upload-submit">Upload</button>
  </form>
</section>`;
}

export function encryptionSection(s: BucketSectionContext): SafeHtml {
  const part = s.detail.encryption;
  const problem = s.problems.encryption;
  const current = part.ok ? part.output : undefined;
  const kms = current?.algorithm === "aws:kms";
  return html`<section class="panel" id="encryption" aria-labelledby="encryption-heading">
  <h2 id="encryption-heading">Default encryption</h2>
  ${problem ? problemView(problem, { id: "encryption-problem" }) : ""}
  ${
    !part.ok
      ? problemView(part.problem, { id: "encryption-unreadable", compact: true })
      : html`<dl class="facts">
    <dt>Encryption type</dt><dd id="default-encryption">${kms ? "SSE-KMS" : "SSE-S3"}</dd>
    ${kms ? html`<dt>AWS KMS key</dt><dd><code id="default-kms-key">${current?.kmsKeyId ?? "aws/s3 (AWS managed key)"}</code></dd><dt>Bucket Key</dt><dd>${current?.bucketKey ? "Enabled" : "Disabled"}</dd>` : ""}
  </dl>`
  }
  <form method="post" action="${bucketPath(s, "encryption")}#encryption">
    ${csrfField(s.csrf)}
    <fieldset>
      <legend>Encryption type</legend>
      <div class="choice"><input type="radio" id="default-sse-s3" name="sse" value="AES256"${!kms ? html` checked` : ""}><label for="default-sse-s3">SSE-S3</label></div>
      <div class="choice"><input type="radio" id="default-sse-kms" name="sse" value="aws:kms"${kms ? html` checked` : ""}><label for="default-sse-kms">SSE-KMS</label></div>
      ${fieldError(s, "sse")}
    </fieldset>
    ${keyPicker(s, s.detail.keys, "default", "", s.drafts.kmsKeyArn ?? "", current?.kmsKeyId)}
    <div class="choice"><input type="checkbox" id="bucket-key" name="bucket-key" value="on"${current?.bucketKey ? html` checked` : ""}><label for="bucket-key">Bucket Key</label></div>
    <button type="submit" id="save-encryption">Save default encryption</button>
  </form>
</section>`;
}

export function policySection(s: BucketSectionContext): SafeHtml {
  const part = s.detail.policy;
  const problem = s.problems.policy;
  const stored = part.ok ? part.output : undefined;
  const text = s.drafts.policy ?? (stored !== undefined ? prettyPolicy(stored) : "");
  const described = problem || s.errors["policy"] ? html` aria-invalid="true" aria-describedby="policy-problem policy-error"` : html` aria-describedby="policy-check"`;
  return html`<section class="panel" id="policy" aria-labelledby="policy-heading">
  <h2 id="policy-heading">Bucket policy</h2>
  ${!part.ok ? problemView(part.problem, { id: "policy-unreadable", compact: true }) : stored === undefined ? html`<p class="note" id="no-policy">This bucket has no policy.</p>` : ""}
  ${problem ? problemView(problem, { id: "policy-problem" }) : ""}
  ${fieldError(s, "policy")}
  <form method="post" action="${bucketPath(s, "policy")}#policy">
    ${csrfField(s.csrf)}
    <div class="field">
      <label for="policy-text">Policy document (JSON)</label>
      <textarea class="policy" id="policy-text" name="policy" spellcheck="false" autocapitalize="off" autocomplete="off" required${described}>${text}</textarea>
      <p class="hint" id="policy-check" aria-live="polite"></p>
      <p class="hint">S3 checks the policy as it stores it: JSON and the policy grammar, S3 actions and resources of this bucket, principals that exist, at most 20 KB.</p>
    </div>
    <button type="submit" class="primary" id="save-policy">Save policy</button>
  </form>
  <details><summary>The lab's RequireSSEKMS policy</summary>
    <p class="hint">Refuses every upload that does not ask for SSE-KMS (seed lab, step 3). Copy it into the editor above.</p>
    <pre class="policy" id="require-sse-kms">${JSON.stringify(labRequireSseKmsPolicy(s.detail.name), null, 2)}</pre>
  </details>
  ${
    stored !== undefined
      ? html`<form method="post" action="${bucketPath(s, "policy/delete")}#policy" class="row">${csrfField(s.csrf)}<button type="submit" class="danger" id="delete-policy">Delete policy</button></form>`
      : ""
  }
</section>`;
}

export function deletionSection(s: BucketSectionContext): SafeHtml {
  const problem = s.problems.deletion;
  return html`<section class="panel danger-zone" id="deletion" aria-labelledby="deletion-heading">
  <h2 id="deletion-heading">Delete bucket</h2>
  ${problem ? problemView(problem, { id: "deletion-problem" }) : ""}
  <p>Only an empty bucket can be deleted; its name becomes free for anyone.</p>
  <form method="post" action="${bucketPath(s, "delete")}#deletion" class="row">
    ${csrfField(s.csrf)}
    <div class="field">
      <label for="confirm-bucket">Type <strong>${s.detail.name}</strong> to confirm</label>
      <input type="text" id="confirm-bucket" name="confirm" value="${s.drafts.confirm ?? ""}" required autocomplete="off" spellcheck="false" autocapitalize="off"${invalid(s, "confirm")}>
      ${fieldError(s, "confirm")}
    </div>
    <div class="field"><button type="submit" class="danger" id="delete-bucket">Delete bucket</button></div>
  </form>
</section>`;
}
