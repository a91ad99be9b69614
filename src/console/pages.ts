// The console's pages until the console issue: the landing page with who is signed in, and messages.
import { html, type SafeHtml } from "../shared/index.ts";
import { page } from "../idp/index.ts";

export function consoleMessage(o: { nonce: string; title: string; message: string | SafeHtml; link?: { href: string; text: string } }): string {
  return page({
    title: `${o.title} · federa`,
    nonce: o.nonce,
    body: html`<h1>${o.title}</h1>
<p role="alert" id="message">${o.message}</p>
${o.link ? html`<p><a href="${o.link.href}">${o.link.text}</a></p>` : ""}`,
  });
}

export interface LandingInfo {
  arn: string;
  accountId: string;
  roleName: string;
  sessionName: string;
  expiration: Date;
}

export function landingPage(o: { nonce: string; info: LandingInfo }): string {
  return page({
    title: "federa console",
    nonce: o.nonce,
    body: html`<h1>Signed in</h1>
<dl>
  <dt>Role session</dt><dd id="assumed-role-arn"><code>${o.info.arn}</code></dd>
  <dt>Account</dt><dd id="account">${o.info.accountId}</dd>
  <dt>Role</dt><dd id="role">${o.info.roleName}</dd>
  <dt>Session name</dt><dd id="session-name">${o.info.sessionName}</dd>
  <dt>Expires</dt><dd id="expiration"><time datetime="${o.info.expiration.toISOString()}">${o.info.expiration.toISOString().replace("T", " ").slice(0, 19)} UTC</time></dd>
</dl>
<p class="note">The console's KMS and S3 pages arrive with their issues; these credentials already work with the AWS CLI and SDKs.</p>
<p><a href="/idp/sso/init?sp=urn:amazon:webservices" id="switch-role">Switch role</a> · <a href="/console/signout" id="signout">Sign out</a></p>`,
  });
}
