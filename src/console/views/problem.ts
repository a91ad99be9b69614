// A failed call in the page, where it happened: AWS's error in words first, then for an
// AccessDenied who asked, what was refused on which resource, why (the decoded reason) and the
// statements that decided, and last AWS's own message with its encoded authorization message.
import { html, type SafeHtml } from "../../shared/index.ts";
import type { Denial, Problem } from "../calls/problem.ts";
import { principalName } from "./format.ts";

export interface ProblemViewOptions {
  /** The element id, for links and tests. */
  id?: string;
  /** Reading a section failed: the explanation folds away behind the summary. */
  compact?: boolean;
}

export function problemView(problem: Problem, o: ProblemViewOptions = {}): SafeHtml {
  const detail = problem.denial ? denialView(problem.denial) : html``;
  const aws = html`<p class="note"><code>${problem.code}</code>: ${problem.message}</p>`;
  if (o.compact) {
    return html`<div class="problem" role="alert"${o.id ? html` id="${o.id}"` : ""}>
  <p><strong>${problem.summary}</strong></p>
  <details><summary>Details</summary>${detail}${aws}${encodedView(problem.denial)}</details>
</div>`;
  }
  return html`<div class="problem" role="alert"${o.id ? html` id="${o.id}"` : ""}>
  <h3>${problem.summary}</h3>
  ${detail}
  <details><summary>AWS's error message</summary>${aws}${encodedView(problem.denial)}</details>
</div>`;
}

function denialView(d: Denial): SafeHtml {
  const reason = d.reason ? d.reason.charAt(0).toUpperCase() + d.reason.slice(1) : undefined;
  return html`<p>You are signed in as <strong class="mono">${principalName(d.principalArn)}</strong>. ${serviceName(d.action)} refused <code class="denied-action">${d.action}</code> on <code>${d.resource}</code>.</p>
${reason ? html`<p class="reason"><strong>Why:</strong> <span class="denial-reason">${reason}.</span></p>` : html`<p class="note">The reason could not be decoded here.</p>`}
${matchedView(d)}
<p class="note">${advice(d)}</p>`;
}

function advice(d: Denial): string {
  if (d.action.startsWith("s3:")) {
    return d.explicitDeny
      ? "To be allowed, the request must meet the bucket policy's conditions (for the lab's RequireSSEKMS policy: upload with SSE-KMS), or someone who may change the bucket policy must change it."
      : "To be allowed, ask an account administrator to add this action to your role's policy, or the bucket's owner to allow it in the bucket policy.";
  }
  if (d.action.startsWith("kms:")) {
    return "To be allowed, ask a key administrator to add your role to the key policy for this action, or an account administrator to add it to your role's policy.";
  }
  return "To be allowed, ask an account administrator to add this action to your role's policy.";
}

function serviceName(action: string): string {
  if (action.startsWith("s3:")) return "Amazon S3";
  if (action.startsWith("kms:")) return "AWS KMS";
  if (action.startsWith("iam:")) return "IAM";
  if (action.startsWith("sts:")) return "AWS STS";
  if (action.startsWith("cloudtrail:")) return "AWS CloudTrail";
  return "AWS";
}

function encodedView(d: Denial | undefined): SafeHtml {
  if (!d?.encoded) return html``;
  return html`<p class="note">Encoded authorization failure message (<code>aws sts decode-authorization-message</code> decodes it):</p>
<p class="mono note encoded">${d.encoded}</p>`;
}

const POLICY_KINDS: Readonly<Record<string, string>> = {
  __proto__: null as unknown as string,
  identity: "identity-based policy",
  resource: "resource-based policy",
  "permissions-boundary": "permissions boundary",
  session: "session policy",
  grant: "grant",
};

/** The statements that matched the request: what denied it, or what allowed it without being enough. */
function matchedView(d: Denial): SafeHtml {
  if (!d.reason || d.statementsUnknown) return html``;
  const shown = d.explicitDeny ? d.matched.filter((m) => m.effect === "Deny") : d.matched;
  if (shown.length === 0) {
    const policies = d.action.startsWith("kms:") ? "the key policy, of your role's policies" : d.action.startsWith("s3:") ? "the bucket policy, of your role's policies" : "your role's policies";
    return html`<p class="matched-none">No statement of ${policies} or of your session policy allows this action for you, so it is refused (an implicit deny).</p>`;
  }
  return html`<p>${d.explicitDeny ? "Denied by:" : "Statements that matched the request, without allowing it on their own:"}</p>
<div class="table-wrap"><table class="matched stack">
<thead><tr><th scope="col">Effect</th><th scope="col">Statement</th><th scope="col">Kind</th><th scope="col">Policy</th></tr></thead>
<tbody>${shown.map((m) => html`<tr><td data-label="Effect">${m.effect}</td><td data-label="Statement">${m.sid ? m.sid : `statement ${m.index + 1}`}</td><td data-label="Kind">${POLICY_KINDS[m.policyType] ?? m.policyType}</td><td data-label="Policy">${m.policy}</td></tr>`)}</tbody>
</table></div>
${!d.explicitDeny && shown.some((m) => m.policyType === "resource" && m.effect === "Allow") ? html`<p class="note">A key policy statement that allows the account (its root) lets the account's IAM policies decide: your role's policies must allow the action as well.</p>` : ""}`;
}
