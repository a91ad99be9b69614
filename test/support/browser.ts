// A small cookie-keeping HTTP client that reads forms out of pages, the way a browser (or an
// AD FS tool) would: enough to walk the IdP's pages in tests without a real browser.

export interface Page {
  status: number;
  url: string;
  html: string;
  headers: Headers;
}

export interface Form {
  action: string;
  method: string;
  fields: Record<string, string>;
  /** Names of the inputs, in document order, with their types. */
  inputs: { name: string; type: string; value: string }[];
}

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async get(path: string): Promise<Page> {
    return this.request("GET", path);
  }

  async post(path: string, fields: Record<string, string>): Promise<Page> {
    return this.request("POST", path, new URLSearchParams(fields).toString());
  }

  async submit(form: Form, changes: Record<string, string> = {}): Promise<Page> {
    return this.post(form.action, { ...form.fields, ...changes });
  }

  /** Posts multipart/form-data, as a form with a file input does. */
  async upload(path: string, form: FormData): Promise<Page> {
    return this.request("POST", path, form);
  }

  async request(method: string, path: string, body?: string | FormData): Promise<Page> {
    const url = new URL(path, this.base).toString();
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    // FormData bodies get their multipart content type (with its boundary) from fetch.
    if (typeof body === "string") headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, url, html: await response.text(), headers: response.headers };
  }
}

export function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The first form of the page (or the one with this id). */
export function readForm(html: string, id?: string): Form {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const match = id ? forms.find((f) => new RegExp(`id="${id}"`).test(f[1]!)) : forms[0];
  if (!match) throw new Error(`no form${id ? ` #${id}` : ""} in page`);
  const attrs = match[1]!;
  const action = decodeEntities(/action="([^"]*)"/.exec(attrs)?.[1] ?? "");
  const method = (/method="([^"]*)"/.exec(attrs)?.[1] ?? "get").toLowerCase();
  const inputs = [...match[2]!.matchAll(/<input\b([^>]*)>/g)].map((m) => {
    const a = m[1]!;
    return {
      name: decodeEntities(/name="([^"]*)"/.exec(a)?.[1] ?? ""),
      type: /type="([^"]*)"/.exec(a)?.[1] ?? "text",
      value: decodeEntities(/value="([^"]*)"/.exec(a)?.[1] ?? ""),
    };
  });
  const fields: Record<string, string> = {};
  for (const input of inputs) if (input.name && input.type !== "checkbox") fields[input.name] = input.value;
  return { action, method, fields, inputs };
}

/** The SAMLResponse of an auto-posting form, decoded. */
export function samlResponseOf(page: Page): { xml: string; base64: string; action: string; relayState: string | undefined } {
  const form = readForm(page.html, "saml-post");
  const base64 = form.fields.SAMLResponse;
  if (!base64) throw new Error(`no SAMLResponse in page (status ${page.status})`);
  return { xml: Buffer.from(base64, "base64").toString("utf8"), base64, action: form.action, relayState: form.fields.RelayState };
}

/** Attribute values by name, read from the response XML. */
export function samlAttributes(xml: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of xml.matchAll(/<Attribute Name="([^"]+)"[^>]*>([\s\S]*?)<\/Attribute>/g)) {
    out[decodeEntities(m[1]!)] = [...m[2]!.matchAll(/<AttributeValue[^>]*>([\s\S]*?)<\/AttributeValue>/g)].map((v) => decodeEntities(v[1]!));
  }
  return out;
}
