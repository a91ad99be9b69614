// AD FS's forms sign-in page, with the field names AD FS uses (UserName, Password, AuthMethod,
// Kmsi), so tools written for AD FS (that fill every input whose name contains "user" or "pass"
// and post the form to its action) work unchanged.
import { html } from "../../shared/index.ts";
import { page } from "./layout.ts";

export interface AdfsLoginPageOptions {
  nonce: string;
  action: string;
  csrf: string;
  state: string;
  username?: string;
  error?: string;
}

export function adfsLoginPage(o: AdfsLoginPageOptions): string {
  return page({
    title: "Sign In",
    nonce: o.nonce,
    body: html`<h1 id="header">Sign in with your organizational account</h1>
${o.error ? html`<div class="error" role="alert" id="errorText">${o.error}</div>` : ""}
<form method="post" id="loginForm" autocomplete="off" novalidate action="${o.action}">
  <input type="hidden" name="csrf" value="${o.csrf}">
  <input type="hidden" name="state" value="${o.state}">
  <label for="userNameInput">User name</label>
  <input id="userNameInput" name="UserName" type="email" value="${o.username ?? ""}" autocomplete="off" spellcheck="false" placeholder="someone@example.com">
  <label for="passwordInput">Password</label>
  <input id="passwordInput" name="Password" type="password" autocomplete="off" placeholder="Password">
  <label class="kmsi" for="kmsiInput"><input id="kmsiInput" type="checkbox" name="Kmsi" value="true"> Keep me signed in</label>
  <input id="optionForms" type="hidden" name="AuthMethod" value="FormsAuthentication">
  <button type="submit" id="submitButton">Sign in</button>
</form>`,
  });
}
