// A key's page: its configuration and state (enable, disable, description), key policy, rotation
// with its timeline, aliases, tags, and deletion (a waiting period of 7–30 days, a typed
// confirmation, the date it would be deleted; cancelled while pending).
import { html, type SafeHtml } from "../../shared/index.ts";
import { consolePage } from "./layout.ts";
import { POLICY_CHECK_SCRIPT } from "./policy-check.ts";
import { stateBadge, time, usageWords } from "./format.ts";
import { problemView } from "./problem.ts";
import { actionPath, aliasesSection, csrfField, customerManaged, policySection, rotationSection, tagsSection, type Drafts, type Section, type SectionContext } from "./key-sections.ts";
import type { KeyDetail } from "../kms/key-detail.ts";
import type { Problem } from "../calls/problem.ts";

export type { Section, Drafts } from "./key-sections.ts";

export interface KeyPageOptions {
  nonce: string;
  who: { arn: string; accountId: string };
  csrf: string;
  now: Date;
  detail: KeyDetail;
  flash?: string;
  problems?: Partial<Record<Section, Problem>>;
  errors?: Partial<Record<string, string>>;
  drafts?: Drafts;
}

export const CONFIRM_WORD = "delete";
const DAY_MS = 24 * 60 * 60 * 1000;

export function keyPage(o: KeyPageOptions): string {
  const m = o.detail.metadata;
  const s: SectionContext = { csrf: o.csrf, now: o.now, detail: o.detail, problems: o.problems ?? {}, errors: o.errors ?? {}, drafts: o.drafts ?? {} };
  const aliases = o.detail.aliases.ok === true ? o.detail.aliases.output.map((a) => a.AliasName ?? "") : [];
  const title = aliases[0] ?? m.KeyId ?? "Key";
  return consolePage({
    nonce: o.nonce,
    title,
    area: "kms",
    who: o.who,
    body: html`<p><a href="/console/kms">KMS keys</a> › <span class="mono">${m.KeyId}</span></p>
<h1 id="key-title">${title} ${stateBadge(m.KeyState)}</h1>
${o.flash ? html`<p class="flash" role="status" id="flash">${o.flash}</p>` : ""}
${configurationSection(s)}
${policySection(s)}
${rotationSection(s)}
${aliasesSection(s)}
${tagsSection(s)}
${customerManaged(m) ? deletionSection(s) : ""}`,
    script: KEY_PAGE_SCRIPT,
  });
}

function configurationSection(s: SectionContext): SafeHtml {
  const m = s.detail.metadata;
  const problem = s.problems.configuration;
  const editable = customerManaged(m);
  const algorithms = [...(m.EncryptionAlgorithms ?? []), ...(m.SigningAlgorithms ?? []), ...(m.MacAlgorithms ?? []), ...(m.KeyAgreementAlgorithms ?? []), ...(m.EncapsulationAlgorithms ?? [])];
  return html`<section class="panel" id="configuration" aria-labelledby="configuration-heading">
  <h2 id="configuration-heading">General configuration</h2>
  ${problem ? problemView(problem, { id: "configuration-problem" }) : ""}
  <dl class="facts">
    <dt>ARN</dt><dd><code id="key-arn">${m.Arn}</code></dd>
    <dt>Key ID</dt><dd><code id="key-id">${m.KeyId}</code></dd>
    <dt>Status</dt><dd id="key-state">${stateBadge(m.KeyState)}</dd>
    ${m.KeyState === "PendingDeletion" && m.DeletionDate ? html`<dt>Deletion date</dt><dd id="deletion-date-scheduled">${time(m.DeletionDate)}</dd>` : ""}
    <dt>Description</dt><dd id="key-description">${m.Description ? m.Description : html`<span class="muted">–</span>`}</dd>
    <dt>Created</dt><dd>${time(m.CreationDate)}</dd>
    <dt>Key type</dt><dd>${m.KeySpec === "SYMMETRIC_DEFAULT" || m.KeySpec?.startsWith("HMAC_") ? "Symmetric" : "Asymmetric"}</dd>
    <dt>Key spec</dt><dd id="key-spec">${m.KeySpec}</dd>
    <dt>Key usage</dt><dd id="key-usage">${usageWords(m.KeyUsage)}</dd>
    ${algorithms.length > 0 ? html`<dt>Algorithms</dt><dd>${algorithms.join(", ")}</dd>` : ""}
    <dt>Origin</dt><dd>${m.Origin === "AWS_KMS" ? "AWS KMS" : m.Origin}</dd>
    <dt>Managed by</dt><dd>${m.KeyManager === "AWS" ? "AWS" : "Customer"}</dd>
  </dl>
  ${
    editable
      ? html`<form method="post" action="${actionPath(m, "description")}#configuration" class="row">
    ${csrfField(s.csrf)}
    <div class="field">
      <label for="description">Description</label>
      <input type="text" id="description" name="description" value="${s.drafts.description ?? m.Description ?? ""}" maxlength="8192" autocomplete="off">
    </div>
    <div class="field"><button type="submit" id="save-description">Save description</button></div>
  </form>
  <div class="actions">
    ${
      m.KeyState === "Enabled"
        ? html`<form method="post" action="${actionPath(m, "disable")}#configuration">${csrfField(s.csrf)}<button type="submit" id="disable-key">Disable key</button></form>`
        : m.KeyState === "Disabled"
          ? html`<form method="post" action="${actionPath(m, "enable")}#configuration">${csrfField(s.csrf)}<button type="submit" id="enable-key">Enable key</button></form>`
          : ""
    }
  </div>`
      : html`<p class="note">AWS managed keys are managed by the AWS service that made them: their state, policy and rotation cannot be changed.</p>`
  }
</section>`;
}

function deletionSection(s: SectionContext): SafeHtml {
  const m = s.detail.metadata;
  const problem = s.problems.deletion;
  if (m.KeyState === "PendingDeletion") {
    return html`<section class="panel danger-zone" id="deletion" aria-labelledby="deletion-heading">
  <h2 id="deletion-heading">Key deletion</h2>
  ${problem ? problemView(problem, { id: "deletion-problem" }) : ""}
  <p id="deletion-pending">This key is scheduled for deletion on <strong>${time(m.DeletionDate)}</strong>. Until then it cannot be used, and the deletion can be cancelled; the key is then disabled.</p>
  <form method="post" action="${actionPath(m, "cancel-deletion")}#deletion">
    ${csrfField(s.csrf)}
    <button type="submit" class="primary" id="cancel-deletion">Cancel key deletion</button>
  </form>
</section>`;
  }
  const days = clampDays(s.drafts.pendingDays);
  const date = new Date(s.now.getTime() + days * DAY_MS);
  return html`<section class="panel danger-zone" id="deletion" aria-labelledby="deletion-heading">
  <h2 id="deletion-heading">Key deletion</h2>
  ${problem ? problemView(problem, { id: "deletion-problem" }) : ""}
  <p>Deleting a KMS key is destructive: data encrypted under it can never be decrypted again. KMS waits 7 to 30 days before it deletes the key, and the deletion can be cancelled until then. Disabling the key is the reversible way to stop its use.</p>
  ${lastUsageView(s.detail)}
  <form method="post" action="${actionPath(m, "schedule-deletion")}#deletion">
    ${csrfField(s.csrf)}
    <div class="field">
      <label for="pending-days">Waiting period (days)</label>
      <input type="number" id="pending-days" name="pendingDays" min="7" max="30" step="1" value="${s.drafts.pendingDays ?? "30"}" required${s.errors["pendingDays"] ? html` aria-invalid="true" aria-describedby="pendingDays-error"` : html``}>
      <span class="hint">Between 7 and 30 days.</span>
      ${s.errors["pendingDays"] ? html`<p class="field-error" id="pendingDays-error">${s.errors["pendingDays"]}</p>` : ""}
    </div>
    <p id="deletion-date" data-now="${String(s.now.getTime())}">Scheduled now, the key would be deleted on <strong><time id="deletion-date-value" datetime="${date.toISOString()}">${date.toISOString().slice(0, 19).replace("T", " ")} UTC</time></strong>.</p>
    <div class="field">
      <label for="confirm-delete">To confirm, type <kbd>${CONFIRM_WORD}</kbd></label>
      <input type="text" id="confirm-delete" name="confirm" value="${s.drafts.confirm ?? ""}" autocomplete="off" spellcheck="false" required${s.errors["confirm"] ? html` aria-invalid="true" aria-describedby="confirm-error"` : html``}>
      ${s.errors["confirm"] ? html`<p class="field-error" id="confirm-error">${s.errors["confirm"]}</p>` : ""}
    </div>
    <button type="submit" class="danger" id="schedule-deletion">Schedule key deletion</button>
  </form>
</section>`;
}

/**
 * GetKeyLastUsage's answer, where the caller may ask: the last cryptographic use, or none since
 * tracking began; with AWS's caution that a rarely run workflow may still need the key.
 */
function lastUsageView(detail: KeyDetail): SafeHtml | string {
  const part = detail.lastUsage;
  if (part.ok !== true) return "";
  const last = part.output.KeyLastUsage;
  const used = last?.Operation
    ? html`Last used for <strong>${last.Operation}</strong> on ${time(last.Timestamp)}${last.CloudTrailEventId ? html` (audit trail event <code>${last.CloudTrailEventId}</code>)` : ""}.`
    : html`Not used for any cryptographic operation since ${time(part.output.TrackingStartDate)}.`;
  return html`<p id="last-used">${used} A workflow that runs rarely may still need it: disable the key first, and watch the audit trail for <code>DisabledException</code>.</p>`;
}

function clampDays(value: string | undefined): number {
  const n = Number(value ?? "30");
  return Number.isInteger(n) && n >= 7 && n <= 30 ? n : 30;
}

/**
 * Progressive touches: the deletion date follows the waiting period as it is typed, and the key
 * policy says whether its JSON parses (and where it breaks) before it is sent.
 */
const KEY_PAGE_SCRIPT = `${POLICY_CHECK_SCRIPT}
(function () {
  var days = document.getElementById("pending-days");
  var out = document.getElementById("deletion-date-value");
  var holder = document.getElementById("deletion-date");
  if (days && out && holder) {
    var now = Number(holder.getAttribute("data-now"));
    days.addEventListener("input", function () {
      var n = Number(days.value);
      if (!Number.isInteger(n) || n < 7 || n > 30) { out.textContent = "(choose 7 to 30 days)"; return; }
      var date = new Date(now + n * 86400000);
      out.setAttribute("datetime", date.toISOString());
      out.textContent = date.toISOString().slice(0, 19).replace("T", " ") + " UTC";
    });
  }
})();`;

