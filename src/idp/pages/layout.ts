// The page frame shared by the IdP's pages: responsive, no external resources, one nonce'd style.
import { html, type SafeHtml } from "../../shared/index.ts";

export interface PageOptions {
  title: string;
  nonce: string;
  body: SafeHtml;
}

export function page({ title, nonce, body }: PageOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style nonce="${nonce}">
  :root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #16191f; background: #f2f3f3; }
  body { margin: 0; }
  main { max-width: 26rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  h1 { font-size: 1.35rem; margin: 0 0 1rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .3rem; }
  input[type=text], input[type=email], input[type=password] { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; border: 1px solid #879596; border-radius: 4px; }
  input:focus, button:focus, a:focus { outline: 3px solid #0972d3; outline-offset: 2px; }
  button { margin-top: 1.4rem; width: 100%; padding: .7rem; font-size: 1rem; font-weight: 600; background: #ec7211; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  .error { background: #fdf3f1; border-left: 4px solid #d13212; padding: .7rem; margin: 1rem 0; }
  .note { color: #545b64; font-size: .9rem; }
  .kmsi { display: flex; gap: .5rem; align-items: center; margin-top: 1rem; font-weight: normal; }
  code { word-break: break-all; }
  fieldset { border: 1px solid #d5dbdb; border-radius: 4px; padding: .5rem 1rem 1rem; }
  .saml-account-name { font-weight: 700; margin: .8rem 0 .3rem; }
  .saml-role { display: flex; gap: .6rem; align-items: center; padding: .35rem 0; }
  .saml-role label { display: inline; margin: 0; font-weight: normal; }
  dt { font-weight: 600; margin-top: .6rem; }
  dd { margin: .1rem 0 0; }
  @media (max-width: 30rem) { main { margin: 0; border-radius: 0; box-shadow: none; } }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.value;
}
