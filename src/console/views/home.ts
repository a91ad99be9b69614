// The console's home: who is signed in (role, session name, account, when the session ends), how
// to switch role (back through the identity provider, whose assertion offers the roles again, as
// with AWS), sign-out, and the console's services.
import { html } from "../../shared/index.ts";
import { consolePage } from "./layout.ts";
import { time } from "./format.ts";

export interface HomeInfo {
  arn: string;
  accountId: string;
  roleName: string;
  sessionName: string;
  expiration: Date;
  /** The SAML provider the session came through. */
  provider?: string;
  tags?: Record<string, string>;
}

export function homePage(o: { nonce: string; info: HomeInfo; now: Date }): string {
  const minutes = Math.max(0, Math.round((o.info.expiration.getTime() - o.now.getTime()) / 60_000));
  const tags = Object.entries(o.info.tags ?? {});
  return consolePage({
    nonce: o.nonce,
    title: "Home",
    area: "home",
    who: { arn: o.info.arn, accountId: o.info.accountId },
    body: html`<h1>Signed in</h1>
<section class="panel" aria-labelledby="session-heading">
  <h2 id="session-heading">Your session</h2>
  <dl class="facts">
    <dt>Role</dt><dd id="role">${o.info.roleName}</dd>
    <dt>Session name</dt><dd id="session-name">${o.info.sessionName}</dd>
    <dt>Account</dt><dd id="account">${o.info.accountId}</dd>
    <dt>Expires</dt><dd id="expiration">${time(o.info.expiration)} <span class="note">(in ${minutes} minute${minutes === 1 ? "" : "s"})</span></dd>
    <dt>Role session</dt><dd id="assumed-role-arn"><code>${o.info.arn}</code></dd>
    ${o.info.provider ? html`<dt>Signed in through</dt><dd><code>${o.info.provider}</code></dd>` : ""}
    ${tags.length > 0 ? html`<dt>Session tags</dt><dd>${tags.map(([k, v], i) => html`${i > 0 ? ", " : ""}<code>${k}</code> = ${v}`)}</dd>` : ""}
  </dl>
  <div class="actions">
    <a class="button" href="/idp/sso/init?sp=urn:amazon:webservices" id="switch-role">Switch role</a>
    <a class="button" href="/console/signout" id="signout">Sign out</a>
  </div>
  <p class="note">Switch role signs you in again through your identity provider, which offers the roles your directory account may assume; pick another in AWS's role chooser. Everything the console does runs with this session's credentials, which work with the AWS CLI and SDKs as well.</p>
</section>
<section class="panel" aria-labelledby="services-heading">
  <h2 id="services-heading">Services</h2>
  <ul>
    <li><a href="/console/kms">Key Management Service</a>: customer managed and AWS managed keys, <a href="/console/kms/create">create a key</a>.</li>
    <li><a href="/console/s3">S3</a>: buckets, objects and their encryption, uploads with SSE-S3 or SSE-KMS, bucket policies.</li>
    <li><a href="/console/activity">Activity</a>: the account's recent calls, allowed and denied.</li>
  </ul>
</section>`,
  });
}
