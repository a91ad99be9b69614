// The console's messages outside a session (not signed in, signed out, a refused form): the
// IdP's simple page frame, since there is no one to show the console's header to.
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
