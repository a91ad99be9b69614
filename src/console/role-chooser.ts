// AWS's role chooser, as the AWS sign-in page renders it for an assertion with several roles: a
// form with id saml_form, per account a div.saml-account with a div.saml-account-name, per role a
// radio input (name roleIndex) whose id and value are the role ARN, with its label. Tools that
// scrape AWS's page (saml2aws and friends) read this markup.
import { html } from "../shared/index.ts";
import { page } from "../idp/index.ts";

export interface ChooserRole {
  roleArn: string;
  accountId: string;
  roleName: string;
}

export function roleChooserPage(o: { nonce: string; samlResponse: string; relayState?: string; roles: ChooserRole[]; error?: string }): string {
  const accounts = [...new Set(o.roles.map((r) => r.accountId))];
  return page({
    title: "Amazon Web Services Sign-In",
    nonce: o.nonce,
    body: html`<h1>Select a role</h1>
${o.error ? html`<div class="error" role="alert">${o.error}</div>` : ""}
<form id="saml_form" name="saml_form" action="/saml" method="post">
  <input type="hidden" name="SAMLResponse" value="${o.samlResponse}">
  <input type="hidden" name="RelayState" value="${o.relayState ?? ""}">
  <fieldset>
    <legend>Roles your directory account may assume</legend>
    ${accounts.map(
      (account) => html`<div class="saml-account">
      <div class="saml-account-name">Account: ${account}</div>
      ${o.roles
        .filter((r) => r.accountId === account)
        .map(
          (r, i) => html`<div class="saml-role">
        <input type="radio" name="roleIndex" value="${r.roleArn}" class="saml-radio" id="${r.roleArn}"${i === 0 && account === accounts[0] ? html` checked` : ""}>
        <label for="${r.roleArn}" class="saml-role-description">${r.roleName}</label>
      </div>`,
        )}
    </div>`,
    )}
  </fieldset>
  <button type="submit" id="signin_button">Sign in</button>
</form>`,
  });
}
