// The console's page frame: a header with the services and who is signed in, the page's main
// content, and at most one script of the page's own (nonce'd, as the CSP requires).
import { html, SafeHtml } from "../../shared/index.ts";
import { principalName } from "./format.ts";
import { CONSOLE_CSS } from "./style.ts";

export type Area = "home" | "kms" | "s3" | "activity";

export interface ConsolePageOptions {
  nonce: string;
  title: string;
  area: Area;
  /** The signed-in principal's ARN and account. */
  who: { arn: string; accountId: string };
  body: SafeHtml;
  /** A small script of this page's (progressive: the page works without it). */
  script?: string;
}

const AREAS: { area: Area; href: string; text: string }[] = [
  { area: "home", href: "/console", text: "Home" },
  { area: "kms", href: "/console/kms", text: "Key Management Service" },
  { area: "s3", href: "/console/s3", text: "S3" },
  { area: "activity", href: "/console/activity", text: "Activity" },
];

export function consolePage(o: ConsolePageOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${o.title} · federa console</title>
<style nonce="${o.nonce}">${trusted(CONSOLE_CSS)}</style>
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="top">
  <a class="brand" href="/console">federa console</a>
  <nav class="main" aria-label="Services">
    <ul>
      ${AREAS.map((a) => html`<li><a href="${a.href}"${a.area === o.area ? html` aria-current="page"` : ""}>${a.text}</a></li>`)}
    </ul>
  </nav>
  <div class="who">
    <span class="role" title="${o.who.arn}">${principalName(o.who.arn)} @ ${o.who.accountId}</span>
    <a href="/idp/sso/init?sp=urn:amazon:webservices" id="nav-switch-role">Switch role</a>
    <a href="/console/signout" id="nav-signout">Sign out</a>
  </div>
</header>
<main id="content">
${o.body}
</main>
${o.script ? html`<script nonce="${o.nonce}">${trusted(o.script)}</script>` : ""}
</body>
</html>
`.value;
}

/** Text of our own (the stylesheet, a page's script: constants, never data) placed into the page as it is. */
function trusted(text: string): SafeHtml {
  if (/<\/(style|script)/i.test(text)) throw new TypeError("an inline style or script must not close its element");
  return new SafeHtml(text);
}
