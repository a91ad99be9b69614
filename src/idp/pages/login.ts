// The IdP's sign-in form: username and password posted with a CSRF token and the sealed state of
// the sign-on in progress (which SP, which request). Nothing secret ever goes into a URL.
import { html } from "../../shared/index.ts";
import { page } from "./layout.ts";

export interface LoginPageOptions {
  nonce: string;
  action: string;
  csrf: string;
  state: string;
  spName: string;
  username?: string;
  error?: string;
}

export function loginPage(o: LoginPageOptions): string {
  return page({
    title: "Sign in · federa",
    nonce: o.nonce,
    body: html`<h1>Sign in</h1>
<p class="note">Sign in with your directory account to continue to <strong>${o.spName}</strong>.</p>
${o.error ? html`<div class="error" role="alert" id="error">${o.error}</div>` : ""}
<form method="post" action="${o.action}" autocomplete="on">
  <input type="hidden" name="csrf" value="${o.csrf}">
  <input type="hidden" name="state" value="${o.state}">
  <label for="username">User name</label>
  <input type="text" id="username" name="username" value="${o.username ?? ""}" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus>
  <label for="password">Password</label>
  <input type="password" id="password" name="password" autocomplete="current-password" required>
  <button type="submit" id="signin">Sign in</button>
</form>
<p class="note">Accepted forms: <code>alice</code>, <code>alice@corp.example.test</code>, <code>CORP\\alice</code>.</p>`,
  });
}
