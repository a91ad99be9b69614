// How the console writes times, ARNs and states: times in UTC to the second (as CloudTrail does),
// principals by their role and session, key states as AWS's console names them.
import { html, type SafeHtml } from "../../shared/index.ts";

export function utc(value: Date | number | string | undefined): string {
  if (value === undefined) return "";
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** A <time> element for a date, in UTC. */
export function time(value: Date | number | string | undefined): SafeHtml {
  if (value === undefined) return html``;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return html``;
  return html`<time datetime="${date.toISOString()}">${utc(date)}</time>`;
}

/** "ADFS-Developers/alice@corp.example.test" for a role session, the ARN's resource otherwise. */
export function principalName(arn: string | undefined): string {
  if (!arn) return "unknown";
  const resource = arn.split(":").slice(5).join(":");
  if (resource.startsWith("assumed-role/")) return resource.slice("assumed-role/".length);
  return resource || arn;
}

const STATE_WORDS: Readonly<Record<string, string>> = {
  __proto__: null as unknown as string,
  Enabled: "Enabled",
  Disabled: "Disabled",
  PendingDeletion: "Pending deletion",
  PendingImport: "Pending import",
  Unavailable: "Unavailable",
  Creating: "Creating",
  Updating: "Updating",
};

/** A key state as a badge: words and a class, never colour alone. */
export function stateBadge(state: string | undefined): SafeHtml {
  const words = (state && STATE_WORDS[state]) ?? state ?? "Unknown";
  const tone = state === "Enabled" ? "ok" : state === "PendingDeletion" ? "bad" : "warn";
  return html`<span class="badge ${tone}">${words}</span>`;
}

const USAGE_WORDS: Readonly<Record<string, string>> = {
  __proto__: null as unknown as string,
  ENCRYPT_DECRYPT: "Encrypt and decrypt",
  SIGN_VERIFY: "Sign and verify",
  GENERATE_VERIFY_MAC: "Generate and verify MAC",
  KEY_AGREEMENT: "Key agreement",
  ENCAPSULATE_DECAPSULATE: "Key encapsulation",
};

export function usageWords(usage: string | undefined): string {
  return (usage && USAGE_WORDS[usage]) ?? usage ?? "";
}

/** A URL path segment. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

/** A policy as stored, or re-indented when it is one long line (as the AWS console shows it). */
export function prettyPolicy(text: string): string {
  if (text.includes("\n")) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
