// The sections of a key's page: key policy, rotation, aliases, tags. Every form carries the
// session's CSRF token and reports its failure in place, next to what was being changed.
import type { KeyMetadata } from "@aws-sdk/client-kms";
import { html, type SafeHtml } from "../../shared/index.ts";
import type { Problem } from "../calls/problem.ts";
import type { KeyDetail, Part } from "../kms/key-detail.ts";
import { prettyPolicy, seg, time } from "./format.ts";
import { problemView } from "./problem.ts";
import { rotationTimeline, type BackingKeyPeriod } from "./rotation-timeline.ts";

export type Section = "configuration" | "policy" | "rotation" | "aliases" | "tags" | "deletion";

export interface Drafts {
  policy?: string;
  description?: string;
  alias?: string;
  tagKey?: string;
  tagValue?: string;
  pendingDays?: string;
  confirm?: string;
  rotationPeriod?: string;
}

export interface SectionContext {
  csrf: string;
  now: Date;
  detail: KeyDetail;
  problems: Partial<Record<Section, Problem>>;
  /** Errors of the console's own checks, by field name. */
  errors: Partial<Record<string, string>>;
  drafts: Drafts;
}

export function csrfField(csrf: string): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${csrf}">`;
}

export function actionPath(m: KeyMetadata, action: string): string {
  return `/console/kms/keys/${seg(m.KeyId ?? "")}/${action}`;
}

export const customerManaged = (m: KeyMetadata): boolean => m.KeyManager !== "AWS";

/** A section's read failure, or its reason to be empty. */
function unreadable<T>(part: Part<T>, id: string): SafeHtml | undefined {
  if (part.ok === true) return undefined;
  if (part.ok === "not-applicable") return html`<p class="note" id="${id}">${part.why}</p>`;
  return problemView(part.problem, { id, compact: true });
}

function fieldError(s: SectionContext, name: string): SafeHtml {
  const error = s.errors[name];
  return error ? html`<p class="field-error" id="${name}-error">${error}</p>` : html``;
}

function invalid(s: SectionContext, name: string): SafeHtml {
  return s.errors[name] ? html` aria-invalid="true" aria-describedby="${name}-error"` : html``;
}

export function policySection(s: SectionContext): SafeHtml {
  const m = s.detail.metadata;
  const part = s.detail.policy;
  const problem = s.problems.policy;
  const text = s.drafts.policy ?? (part.ok === true ? prettyPolicy(part.output) : undefined);
  const editable = customerManaged(m);
  return html`<section class="panel" id="policy" aria-labelledby="policy-heading">
  <h2 id="policy-heading">Key policy</h2>
  ${unreadable(part, "policy-unreadable") ?? ""}
  ${problem ? problemView(problem, { id: "policy-problem" }) : ""}
  ${fieldError(s, "policy")}
  ${
    text === undefined
      ? ""
      : editable
        ? html`<form method="post" action="${actionPath(m, "policy")}#policy">
    ${csrfField(s.csrf)}
    <div class="field">
      <label for="policy-text">Policy document (JSON)</label>
      <textarea class="policy" id="policy-text" name="policy" spellcheck="false" autocapitalize="off" autocomplete="off" required${problem || s.errors["policy"] ? html` aria-invalid="true" aria-describedby="policy-problem policy-error"` : html` aria-describedby="policy-check"`}>${text}</textarea>
      <p class="hint" id="policy-check" aria-live="polite"></p>
      <p class="hint">KMS checks the policy as it stores it: JSON and the policy grammar, principals that exist, at most 32 KB, and that you may still change it afterwards (the lockout safety check).</p>
    </div>
    <button type="submit" class="primary" id="save-policy">Save policy</button>
  </form>`
        : html`<pre class="policy" id="policy-text">${text}</pre><p class="note">AWS managed keys' policies cannot be changed.</p>`
  }
</section>`;
}

const ORIGIN_WORDS: Readonly<Record<string, BackingKeyPeriod["origin"]>> = { AUTOMATIC: "automatic", ON_DEMAND: "on demand" };

export function rotationSection(s: SectionContext): SafeHtml {
  const m = s.detail.metadata;
  const status = s.detail.rotation;
  const rotations = s.detail.rotations;
  const problem = s.problems.rotation;
  const editable = customerManaged(m) && status.ok === true;
  const enabled = status.ok === true && status.output.KeyRotationEnabled === true;
  const period = s.drafts.rotationPeriod ?? String((status.ok === true && status.output.RotationPeriodInDays) || 365);
  const materials: BackingKeyPeriod[] =
    rotations.ok === true
      ? rotations.output.map((r) => ({
          id: r.KeyMaterialId ?? "",
          start: r.RotationDate ? new Date(r.RotationDate) : new Date(m.CreationDate ?? s.now),
          origin: (r.RotationType && ORIGIN_WORDS[r.RotationType]) ?? "creation",
          current: r.KeyMaterialState === "CURRENT",
        })).sort((a, b) => a.start.getTime() - b.start.getTime())
      : [];
  const next = status.ok === true && status.output.NextRotationDate ? new Date(status.output.NextRotationDate) : undefined;
  return html`<section class="panel" id="rotation" aria-labelledby="rotation-heading">
  <h2 id="rotation-heading">Key rotation</h2>
  ${unreadable(status, "rotation-unreadable") ?? ""}
  ${problem ? problemView(problem, { id: "rotation-problem" }) : ""}
  ${
    status.ok === true
      ? html`<dl class="facts">
    <dt>Automatic rotation</dt><dd id="rotation-status">${enabled ? "On" : "Off"}</dd>
    ${enabled ? html`<dt>Rotation period</dt><dd id="rotation-period">${status.output.RotationPeriodInDays} days</dd>` : ""}
    ${next ? html`<dt>Next rotation</dt><dd id="next-rotation">${time(next)}</dd>` : ""}
    ${m.KeyManager === "AWS" ? html`<dt>Managed by</dt><dd>AWS: AWS managed keys rotate every year.</dd>` : ""}
  </dl>`
      : ""
  }
  ${
    editable
      ? html`<form method="post" action="${actionPath(m, "rotation")}#rotation">
    ${csrfField(s.csrf)}
    <div class="choice"><input type="checkbox" id="rotation-enabled" name="enabled" value="on"${enabled ? html` checked` : ""}><label for="rotation-enabled">Automatically rotate this KMS key</label></div>
    <div class="field">
      <label for="rotation-period-days">Rotation period (days)</label>
      <input type="number" id="rotation-period-days" name="period" min="90" max="2560" step="1" value="${period}" required${invalid(s, "period")}>
      <span class="hint">Between 90 and 2560 days; 365 unless you choose otherwise.</span>
      ${fieldError(s, "period")}
    </div>
    <button type="submit" id="save-rotation">Save rotation</button>
  </form>
  <form method="post" action="${actionPath(m, "rotate")}#rotation" class="actions">
    ${csrfField(s.csrf)}
    <button type="submit" id="rotate-now">Rotate now</button>
    <span class="hint">On-demand rotation makes a new backing key at once; earlier ones are kept to decrypt.</span>
  </form>`
      : ""
  }
  ${
    rotations.ok === true
      ? html`<h3>Timeline</h3>
  ${rotationTimeline({ materials, now: s.now, ...(next ? { next } : {}) })}
  <h3>Key material</h3>
  <div class="table-wrap"><table class="stack" id="rotations">
    <thead><tr><th scope="col">#</th><th scope="col">Key material ID</th><th scope="col">Came with</th><th scope="col">Date</th><th scope="col">State</th></tr></thead>
    <tbody>${materials.map(
      (r, i) => html`<tr><td data-label="#">${i + 1}</td><td data-label="Key material ID" class="id">${r.id}</td><td data-label="Came with">${r.origin === "creation" ? "the key's creation" : `${r.origin} rotation`}</td><td data-label="Date">${time(r.start)}</td><td data-label="State">${r.current ? "current" : "kept for decryption"}</td></tr>`,
    )}</tbody>
  </table></div>`
      : rotations.ok === false
        ? problemView(rotations.problem, { id: "rotations-unreadable", compact: true })
        : ""
  }
</section>`;
}

export function aliasesSection(s: SectionContext): SafeHtml {
  const m = s.detail.metadata;
  const part = s.detail.aliases;
  const problem = s.problems.aliases;
  const editable = customerManaged(m);
  return html`<section class="panel" id="aliases" aria-labelledby="aliases-heading">
  <h2 id="aliases-heading">Aliases</h2>
  ${unreadable(part, "aliases-unreadable") ?? ""}
  ${problem ? problemView(problem, { id: "aliases-problem" }) : ""}
  ${
    part.ok === true
      ? part.output.length === 0
        ? html`<p class="note" id="no-aliases">No aliases.</p>`
        : html`<div class="table-wrap"><table class="stack" id="alias-list"><thead><tr><th scope="col">Alias</th><th scope="col">Created</th>${editable ? html`<th scope="col"><span class="muted">Action</span></th>` : ""}</tr></thead><tbody>
    ${part.output.map(
      (a) => html`<tr><td data-label="Alias" class="alias-name">${a.AliasName}</td><td data-label="Created">${time(a.CreationDate)}</td>${
        editable
          ? html`<td><form method="post" action="${actionPath(m, "aliases/delete")}#aliases" class="inline">${csrfField(s.csrf)}<input type="hidden" name="alias" value="${a.AliasName ?? ""}"><button type="submit" class="link" aria-label="Delete alias ${a.AliasName ?? ""}">Delete</button></form></td>`
          : ""
      }</tr>`,
    )}
  </tbody></table></div>`
      : ""
  }
  ${
    editable
      ? html`<form method="post" action="${actionPath(m, "aliases")}#aliases" class="row">
    ${csrfField(s.csrf)}
    <div class="field">
      <label for="new-alias">New alias</label>
      <input type="text" id="new-alias" name="alias" value="${s.drafts.alias ?? ""}" placeholder="alias/my-key" maxlength="256" required autocomplete="off" spellcheck="false"${invalid(s, "alias")}>
      <span class="hint">Letters, digits, / _ - ; "alias/" is added when you leave it out; not "alias/aws/".</span>
      ${fieldError(s, "alias")}
    </div>
    <div class="field"><button type="submit" id="add-alias">Add alias</button></div>
  </form>`
      : ""
  }
</section>`;
}

export function tagsSection(s: SectionContext): SafeHtml {
  const m = s.detail.metadata;
  const part = s.detail.tags;
  const problem = s.problems.tags;
  const editable = customerManaged(m);
  return html`<section class="panel" id="tags" aria-labelledby="tags-heading">
  <h2 id="tags-heading">Tags</h2>
  ${unreadable(part, "tags-unreadable") ?? ""}
  ${problem ? problemView(problem, { id: "tags-problem" }) : ""}
  ${
    part.ok === true
      ? part.output.length === 0
        ? html`<p class="note" id="no-tags">No tags.</p>`
        : html`<div class="table-wrap"><table class="stack" id="tag-list"><thead><tr><th scope="col">Key</th><th scope="col">Value</th>${editable ? html`<th scope="col"><span class="muted">Action</span></th>` : ""}</tr></thead><tbody>
    ${part.output.map(
      (t) => html`<tr><td data-label="Key" class="tag-key">${t.TagKey}</td><td data-label="Value" class="tag-value">${t.TagValue}</td>${
        editable
          ? html`<td><form method="post" action="${actionPath(m, "tags/delete")}#tags" class="inline">${csrfField(s.csrf)}<input type="hidden" name="tagKey" value="${t.TagKey ?? ""}"><button type="submit" class="link" aria-label="Remove tag ${t.TagKey ?? ""}">Remove</button></form></td>`
          : ""
      }</tr>`,
    )}
  </tbody></table></div>`
      : ""
  }
  ${
    editable
      ? html`<form method="post" action="${actionPath(m, "tags")}#tags" class="row">
    ${csrfField(s.csrf)}
    <div class="field">
      <label for="new-tag-key">Tag key</label>
      <input type="text" id="new-tag-key" name="tagKey" value="${s.drafts.tagKey ?? ""}" maxlength="128" required autocomplete="off"${invalid(s, "tagKey")}>
      ${fieldError(s, "tagKey")}
    </div>
    <div class="field">
      <label for="new-tag-value">Tag value</label>
      <input type="text" id="new-tag-value" name="tagValue" value="${s.drafts.tagValue ?? ""}" maxlength="256" autocomplete="off">
    </div>
    <div class="field"><button type="submit" id="add-tag">Add tag</button></div>
  </form>`
      : ""
  }
</section>`;
}
