// Signs in to a SAML IdP's web form the way AD FS tools do: GET the sign-in page (keeping cookies),
// take its form, fill every input whose name contains "user" (or is an e-mail field) with the user
// name and every "pass" input with the password, keep the other inputs, post the form to its
// action, and read the SAMLResponse out of the auto-posting answer. Works with federa's /idp and
// /adfs pages and with AD FS itself.
import { parse, type HTMLElement } from "node-html-parser";
import { FederaError } from "../../shared/index.ts";

export class IdpLoginError extends FederaError {
  constructor(message: string) {
    super("CLI_IDP_LOGIN_FAILED", message, { status: 401 });
  }
}

export interface IdpAnswer {
  samlResponse: string;
  relayState: string | undefined;
  /** Where the IdP would post the response (its form action). */
  acsUrl: string;
}

export async function signInToIdp(url: string, username: string, password: string): Promise<IdpAnswer> {
  const jar = new Map<string, string>();
  const first = await request(jar, url, "GET");
  const form = findLoginForm(parse(first.body));
  if (!form) throw new IdpLoginError(`No sign-in form at ${url} (HTTP ${first.status}).`);
  const fields = new URLSearchParams();
  for (const input of form.querySelectorAll("input")) {
    const name = input.getAttribute("name");
    if (!name) continue;
    const type = (input.getAttribute("type") ?? "text").toLowerCase();
    const lower = name.toLowerCase();
    if (type === "checkbox" || type === "submit" || type === "button") continue;
    if (lower.includes("pass")) fields.set(name, password);
    else if (lower.includes("user") || type === "email") fields.set(name, username);
    else fields.set(name, input.getAttribute("value") ?? "");
  }
  const action = new URL(form.getAttribute("action") || first.url, first.url).toString();
  const answer = await request(jar, action, "POST", fields.toString());
  const page = parse(answer.body);
  const saml = page.querySelector('input[name="SAMLResponse"]')?.getAttribute("value");
  if (!saml) {
    const alert = page.querySelector('[role="alert"]')?.text.trim() || page.querySelector("#errorText")?.text.trim() || page.querySelector("h1")?.text.trim();
    throw new IdpLoginError(`Sign-in failed (HTTP ${answer.status})${alert ? `: ${alert}` : "."}`);
  }
  const responseForm = page.querySelector("form");
  return {
    samlResponse: saml,
    relayState: page.querySelector('input[name="RelayState"]')?.getAttribute("value") ?? undefined,
    acsUrl: new URL(responseForm?.getAttribute("action") ?? action, answer.url).toString(),
  };
}

function findLoginForm(page: HTMLElement): HTMLElement | undefined {
  return page.querySelectorAll("form").find((form) => form.querySelector('input[type="password"]')) ?? undefined;
}

async function request(jar: Map<string, string>, url: string, method: "GET" | "POST", body?: string, hops = 0): Promise<{ status: number; url: string; body: string }> {
  const headers: Record<string, string> = { accept: "text/html" };
  if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
  let response: Response;
  try {
    response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), redirect: "manual", signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new IdpLoginError(`Cannot reach the identity provider at ${new URL(url).origin}: ${(error as Error).cause ? String((error as { cause: Error }).cause.message) : (error as Error).message}`);
  }
  for (const cookie of response.headers.getSetCookie()) {
    const pair = cookie.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location && hops < 10) {
    return request(jar, new URL(location, url).toString(), "GET", undefined, hops + 1);
  }
  return { status: response.status, url, body: await response.text() };
}
