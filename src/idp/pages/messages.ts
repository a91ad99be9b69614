// The IdP's other pages: the auto-posting SAML form, refusals, errors, sign-out.
import { html, type SafeHtml } from "../../shared/index.ts";
import { page } from "./layout.ts";

export interface AutoPostOptions {
  nonce: string;
  action: string;
  fields: Record<string, string | undefined>;
}

/** The HTTP-POST binding: a form the browser submits by itself (a button without JavaScript). */
export function autoPostPage(o: AutoPostOptions): string {
  const inputs = Object.entries(o.fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  return page({
    title: "Signing in…",
    nonce: o.nonce,
    body: html`<h1>Signing in…</h1>
<form method="post" action="${o.action}" id="saml-post">
  ${inputs}
  <noscript><p>JavaScript is off: press the button to continue.</p></noscript>
  <button type="submit">Continue</button>
</form>
<script nonce="${o.nonce}">document.getElementById("saml-post").submit();</script>`,
  });
}

export interface MessagePageOptions {
  nonce: string;
  title: string;
  message: string | SafeHtml;
  detail?: string | SafeHtml;
  link?: { href: string; text: string };
}

export function messagePage(o: MessagePageOptions): string {
  return page({
    title: `${o.title} · federa`,
    nonce: o.nonce,
    body: html`<h1>${o.title}</h1>
<p role="alert" id="message">${o.message}</p>
${o.detail ? html`<p class="note">${o.detail}</p>` : ""}
${o.link ? html`<p><a href="${o.link.href}" id="retry">${o.link.text}</a></p>` : ""}`,
  });
}
