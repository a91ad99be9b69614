// The create-key wizard of the lab's first step, as AWS's console lays it out: configure the key
// (type, usage, spec), add labels (alias, description, tags), key administrators (with "Allow key
// administrators to delete this key"), key users, then a review with the key policy it will
// have. One form per step; what the other steps hold travels in hidden fields.
import { html, type SafeHtml } from "../../shared/index.ts";
import type { Problem } from "../calls/problem.ts";
import { ALL_SPECS, LAST_STEP, STEPS, specsFor, USAGES, type StepErrors, type WizardState } from "../kms/wizard-state.ts";
import { consolePage } from "./layout.ts";
import { problemView } from "./problem.ts";
import { usageWords } from "./format.ts";

export interface AccountPrincipal {
  arn: string;
  name: string;
  type: "Role" | "User";
  description: string;
}

export interface WizardPageOptions {
  nonce: string;
  who: { arn: string; accountId: string };
  csrf: string;
  step: number;
  state: WizardState;
  principals: AccountPrincipal[];
  /** The key policy the key will have (the review step). */
  policy: string;
  errors?: StepErrors;
  problem?: Problem;
  /** Why the account's principals could not be listed, if they could not. */
}

export function wizardPage(o: WizardPageOptions): string {
  const errors = o.errors ?? {};
  return consolePage({
    nonce: o.nonce,
    title: "Create key",
    area: "kms",
    who: o.who,
    body: html`<p><a href="/console/kms">KMS keys</a> › Create key</p>
<h1>Create key</h1>
<ol class="steps" aria-label="Steps">
  ${STEPS.map((name, i) => html`<li${i + 1 === o.step ? html` aria-current="step"` : ""}>Step ${i + 1}: ${name}</li>`)}
</ol>
${o.problem ? problemView(o.problem, { id: "create-problem" }) : ""}
${Object.keys(errors).length > 0 ? html`<div class="problem" role="alert" id="step-errors"><p><strong>Please correct what is marked below.</strong></p></div>` : ""}
<form method="post" action="/console/kms/create" id="create-key-form" novalidate>
  <input type="hidden" name="csrf" value="${o.csrf}">
  <input type="hidden" name="from" value="${String(o.step)}">
  ${hiddenState(o.state, o.step)}
  <section class="panel" aria-labelledby="step-heading">
    <h2 id="step-heading">${STEPS[o.step - 1] ?? ""}</h2>
    ${stepBody(o, errors)}
  </section>
  <div class="actions">
    ${o.step < LAST_STEP ? html`<button type="submit" class="primary" name="go" value="${String(o.step + 1)}" id="next">Next</button>` : html`<button type="submit" class="primary" name="go" value="create" id="finish">Finish</button>`}
    ${o.step > 1 ? html`<button type="submit" name="go" value="${String(o.step - 1)}" id="previous">Previous</button>` : ""}
    <a class="button" href="/console/kms" id="cancel">Cancel</a>
  </div>
</form>`,
    script: WIZARD_SCRIPT,
  });
}

function hiddenState(s: WizardState, step: number): SafeHtml {
  const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  const parts: SafeHtml[] = [];
  if (step !== 1) parts.push(hidden("keyType", s.keyType), hidden("keyUsage", s.keyUsage), hidden("keySpec", s.keySpec));
  if (step !== 2) {
    parts.push(hidden("alias", s.alias), hidden("description", s.description));
    for (const t of s.tags) parts.push(hidden("tagKey", t.key), hidden("tagValue", t.value));
  }
  if (step !== 3) {
    for (const arn of s.admins) parts.push(hidden("admin", arn));
    parts.push(hidden("adminsMayDelete", s.adminsMayDelete ? "true" : "false"));
  }
  if (step !== 4) for (const arn of s.users) parts.push(hidden("user", arn));
  return html`${parts}`;
}

function stepBody(o: WizardPageOptions, errors: StepErrors): SafeHtml {
  switch (o.step) {
    case 1:
      return configureStep(o.state, errors);
    case 2:
      return labelsStep(o.state, errors);
    case 3:
      return principalsStep(o, errors, "admin");
    case 4:
      return principalsStep(o, errors, "user");
    default:
      return reviewStep(o);
  }
}

function error(errors: StepErrors, name: string): SafeHtml {
  return errors[name] ? html`<p class="field-error" id="${name}-error">${errors[name]}</p>` : html``;
}

function described(errors: StepErrors, name: string): SafeHtml {
  return errors[name] ? html` aria-invalid="true" aria-describedby="${name}-error"` : html``;
}

const SPEC_HINTS: Readonly<Record<string, string>> = {
  __proto__: null as unknown as string,
  SYMMETRIC_DEFAULT: "AES-256-GCM: the lab's key, for SSE-KMS and envelope encryption",
  HMAC_224: "HMAC with SHA-224",
  HMAC_256: "HMAC with SHA-256",
  HMAC_384: "HMAC with SHA-384",
  HMAC_512: "HMAC with SHA-512",
  RSA_2048: "RSA, 2048 bits",
  RSA_3072: "RSA, 3072 bits",
  RSA_4096: "RSA, 4096 bits",
  ECC_NIST_P256: "NIST P-256 (secp256r1)",
  ECC_NIST_P384: "NIST P-384 (secp384r1)",
  ECC_NIST_P521: "NIST P-521 (secp521r1)",
  ECC_SECG_P256K1: "secp256k1 (signing only)",
  ECC_NIST_EDWARDS25519: "Ed25519 (signing only)",
  ML_DSA_44: "ML-DSA-44 (post-quantum signing, FIPS 204)",
  ML_DSA_65: "ML-DSA-65 (post-quantum signing, FIPS 204)",
  ML_DSA_87: "ML-DSA-87 (post-quantum signing, FIPS 204)",
  ML_KEM_512: "ML-KEM-512 (post-quantum key encapsulation, FIPS 203)",
  ML_KEM_768: "ML-KEM-768 (post-quantum key encapsulation, FIPS 203)",
  ML_KEM_1024: "ML-KEM-1024 (post-quantum key encapsulation, FIPS 203)",
};

function configureStep(s: WizardState, errors: StepErrors): SafeHtml {
  const radio = (name: string, value: string, label: string, checked: boolean, hint = "") =>
    html`<div class="choice"><input type="radio" name="${name}" id="${name}-${value}" value="${value}"${checked ? html` checked` : ""}${hint ? html` aria-describedby="${name}-${value}-hint"` : ""}><div><label for="${name}-${value}">${label}</label>${hint ? html`<span class="hint" id="${name}-${value}-hint">${hint}</span>` : ""}</div></div>`;
  return html`<fieldset${described(errors, "keyType")}>
  <legend>Key type</legend>
  ${radio("keyType", "symmetric", "Symmetric", s.keyType === "symmetric", "A single key for encryption and decryption, or for MACs.")}
  ${radio("keyType", "asymmetric", "Asymmetric", s.keyType === "asymmetric", "A public and private key pair: encryption, signing or key agreement.")}
</fieldset>
<fieldset id="key-usage"${described(errors, "keyUsage")}>
  <legend>Key usage</legend>
  ${radio("keyUsage", "ENCRYPT_DECRYPT", "Encrypt and decrypt", s.keyUsage === "ENCRYPT_DECRYPT", "Symmetric or asymmetric (RSA).")}
  ${radio("keyUsage", "GENERATE_VERIFY_MAC", "Generate and verify MAC", s.keyUsage === "GENERATE_VERIFY_MAC", "Symmetric (HMAC).")}
  ${radio("keyUsage", "SIGN_VERIFY", "Sign and verify", s.keyUsage === "SIGN_VERIFY", "Asymmetric.")}
  ${radio("keyUsage", "KEY_AGREEMENT", "Key agreement", s.keyUsage === "KEY_AGREEMENT", "Asymmetric (ECDH).")}
  ${radio("keyUsage", "ENCAPSULATE_DECAPSULATE", "Key encapsulation", s.keyUsage === "ENCAPSULATE_DECAPSULATE", "Asymmetric (ML-KEM).")}
  ${error(errors, "keyUsage")}
</fieldset>
<fieldset id="key-spec"${described(errors, "keySpec")}>
  <legend>Key spec</legend>
  ${ALL_SPECS.map((spec) => html`<div class="choice spec" data-usages="${(["symmetric", "asymmetric"] as const).flatMap((t) => USAGES[t].filter((u) => specsFor(t, u).includes(spec)).map((u) => `${t}:${u}`)).join(" ")}"><input type="radio" name="keySpec" id="keySpec-${spec}" value="${spec}"${s.keySpec === spec ? html` checked` : ""} aria-describedby="keySpec-${spec}-hint"><div><label for="keySpec-${spec}">${spec}</label><span class="hint" id="keySpec-${spec}-hint">${SPEC_HINTS[spec] ?? ""}</span></div></div>`)}
  ${error(errors, "keySpec")}
</fieldset>
<p class="note">Key material origin: KMS. Regionality: single-Region key.</p>`;
}

function labelsStep(s: WizardState, errors: StepErrors): SafeHtml {
  const rows = [...s.tags, { key: "", value: "" }, { key: "", value: "" }];
  return html`<div class="field">
  <label for="alias">Alias</label>
  <div class="row"><span class="mono muted">alias/</span><input type="text" id="alias" name="alias" value="${s.alias}" maxlength="256" required autocomplete="off" spellcheck="false"${described(errors, "alias")}></div>
  <span class="hint">Letters, digits, / _ -. An alias must be unique in the account and Region: append a number if the name is taken.</span>
  ${error(errors, "alias")}
</div>
<div class="field">
  <label for="description">Description <span class="muted">(optional)</span></label>
  <input type="text" id="description" name="description" value="${s.description}" maxlength="8192" autocomplete="off"${described(errors, "description")}>
  ${error(errors, "description")}
</div>
<fieldset${described(errors, "tags")}>
  <legend>Tags <span class="muted">(optional)</span></legend>
  ${rows.map(
    (t, i) => html`<div class="row">
    <div class="field"><label for="tag-key-${String(i)}">Tag key</label><input type="text" id="tag-key-${String(i)}" name="tagKey" value="${t.key}" maxlength="128" autocomplete="off"></div>
    <div class="field"><label for="tag-value-${String(i)}">Tag value</label><input type="text" id="tag-value-${String(i)}" name="tagValue" value="${t.value}" maxlength="256" autocomplete="off"></div>
  </div>`,
  )}
  ${error(errors, "tags")}
  <button type="submit" name="go" value="2" id="more-tags">Add more tags</button>
</fieldset>`;
}

function principalsStep(o: WizardPageOptions, errors: StepErrors, kind: "admin" | "user"): SafeHtml {
  const chosen = new Set(kind === "admin" ? o.state.admins : o.state.users);
  const intro =
    kind === "admin"
      ? "Key administrators manage the key (its policy, state, rotation, aliases, tags) but cannot use it for cryptography. Choose the roles and users of this account that administer this key."
      : "Key users may use the key in cryptographic operations: encrypt and decrypt, generate data keys (what S3's SSE-KMS does on their behalf). Choose the roles and users of this account that use this key.";
  return html`<p>${intro}</p>
<fieldset${described(errors, kind)}>
  <legend>${kind === "admin" ? "Key administrators" : "Key users"}</legend>
  ${
    o.principals.length === 0
      ? html`<p class="note">This account has no roles or users to choose.</p>`
      : html`<div class="table-wrap"><table class="stack principals">
    <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">ARN</th></tr></thead>
    <tbody>${o.principals.map(
      (p, i) => html`<tr>
      <td data-label="Name"><div class="choice"><input type="checkbox" name="${kind}" id="${kind}-${String(i)}" value="${p.arn}"${chosen.has(p.arn) ? html` checked` : ""}><label for="${kind}-${String(i)}">${p.name}</label></div></td>
      <td data-label="Type">${p.type}</td>
      <td data-label="ARN" class="id">${p.arn}${p.description ? html`<span class="hint">${p.description}</span>` : ""}</td>
    </tr>`,
    )}</tbody>
  </table></div>`
  }
  ${error(errors, kind)}
</fieldset>
${
  kind === "admin"
    ? html`<fieldset>
  <legend>Key deletion</legend>
  <div class="choice"><input type="checkbox" name="adminsMayDelete" id="admins-may-delete" value="true"${o.state.adminsMayDelete ? html` checked` : ""} aria-describedby="admins-may-delete-hint"><div><label for="admins-may-delete">Allow key administrators to delete this key</label><span class="hint" id="admins-may-delete-hint">Deletion cannot be undone once the waiting period ends: data encrypted under the key can no longer be decrypted.</span></div></div>
</fieldset>`
    : ""
}`;
}

function reviewStep(o: WizardPageOptions): SafeHtml {
  const s = o.state;
  const names = (arns: string[]) => (arns.length === 0 ? html`<span class="muted">none</span>` : html`${arns.map((a, i) => html`${i > 0 ? html`<br>` : ""}<code>${a}</code>`)}`);
  return html`<h3>Key configuration</h3>
<dl class="facts" id="review-configuration">
  <dt>Key type</dt><dd>${s.keyType === "symmetric" ? "Symmetric" : "Asymmetric"}</dd>
  <dt>Key spec</dt><dd>${s.keySpec}</dd>
  <dt>Key usage</dt><dd>${usageWords(s.keyUsage)}</dd>
  <dt>Origin</dt><dd>AWS KMS</dd>
</dl>
<h3>Alias and description</h3>
<dl class="facts">
  <dt>Alias</dt><dd id="review-alias">alias/${s.alias}</dd>
  <dt>Description</dt><dd id="review-description">${s.description || html`<span class="muted">none</span>`}</dd>
  <dt>Tags</dt><dd id="review-tags">${s.tags.length === 0 ? html`<span class="muted">none</span>` : s.tags.map((t, i) => html`${i > 0 ? ", " : ""}<code>${t.key}</code> = ${t.value}`)}</dd>
</dl>
<h3>Permissions</h3>
<dl class="facts">
  <dt>Key administrators</dt><dd id="review-admins">${names(s.admins)}</dd>
  <dt>Administrators may delete</dt><dd>${s.adminsMayDelete ? "Yes" : "No"}</dd>
  <dt>Key users</dt><dd id="review-users">${names(s.users)}</dd>
</dl>
<h3 id="policy-preview-heading">Key policy</h3>
<p class="note">The key will have this policy, as AWS's console writes it from your choices; you can edit it on the key's page later.</p>
<pre class="policy" id="policy-preview" aria-labelledby="policy-preview-heading" tabindex="0">${o.policy}</pre>`;
}

/** Progressive: the key spec choices follow the key type and usage (without it, the server says what fits). */
const WIZARD_SCRIPT = `(function () {
  var form = document.getElementById("create-key-form");
  if (!form || !form.querySelector("input[name=keySpec][type=radio]")) return;
  function checked(name) { var el = form.querySelector("input[name=" + name + "]:checked"); return el ? el.value : ""; }
  var usages = ${JSON.stringify(USAGES)};
  function update() {
    var type = checked("keyType"), usage = checked("keyUsage"), firstFit = null, keep = false;
    form.querySelectorAll("input[name=keyUsage]").forEach(function (input) {
      var fits = (usages[type] || []).indexOf(input.value) >= 0;
      input.closest(".choice").hidden = !fits; input.disabled = !fits;
    });
    if ((usages[type] || []).indexOf(usage) < 0) {
      usage = (usages[type] || [""])[0];
      var first = form.querySelector("input[name=keyUsage][value=" + usage + "]");
      if (first) first.checked = true;
    }
    form.querySelectorAll(".choice.spec").forEach(function (row) {
      var fits = (row.getAttribute("data-usages") || "").split(" ").indexOf(type + ":" + usage) >= 0;
      var input = row.querySelector("input");
      row.hidden = !fits; input.disabled = !fits;
      if (fits && !firstFit) firstFit = input;
      if (fits && input.checked) keep = true;
    });
    if (!keep && firstFit) firstFit.checked = true;
  }
  form.addEventListener("change", function (e) { if (e.target.name === "keyType" || e.target.name === "keyUsage") update(); });
  update();
})();`;
