// Independent verifiers for the SAML tests: xmlsec1 (libxmlsec1/OpenSSL) and python3-saml
// (OneLogin) run as child processes that end before the test goes on; a cached test identity.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { generateSigningIdentity, type SigningIdentity } from "../../src/crypto/index.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

const identities: Promise<SigningIdentity>[] = [];

/** A fresh RSA-2048 identity per index, generated once per test process. */
export function testIdentity(index = 0): Promise<SigningIdentity> {
  identities[index] ??= generateSigningIdentity({ commonName: `federa test ${index}`, notBefore: new Date(Date.now() - 3_600_000), validDays: 30 });
  return identities[index]!;
}

export interface XmlsecResult {
  ok: boolean;
  output: string;
}

/**
 * `xmlsec1 --verify` of the signature found at or below the element with `nodeId`, with the key of
 * `certificatePem` only (KeyInfo is not trusted: a wrong certificate must fail).
 */
export function xmlsecVerify(xml: string, certificatePem: string, nodeId: string, idAttributes: string[] = DEFAULT_ID_ATTRIBUTES): XmlsecResult {
  const dir = mkdtempSync(join(tmpdir(), "federa-xmlsec-"));
  try {
    writeFileSync(join(dir, "doc.xml"), xml);
    writeFileSync(join(dir, "cert.pem"), certificatePem);
    const args = ["--verify", "--enabled-key-data", "rsa", "--pubkey-cert-pem", join(dir, "cert.pem")];
    for (const node of idAttributes) args.push("--id-attr:ID", node);
    args.push("--node-id", nodeId, join(dir, "doc.xml"));
    const run = spawnSync("xmlsec1", args, { encoding: "utf8", timeout: 30_000 });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const DEFAULT_ID_ATTRIBUTES = [
  "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
  "urn:oasis:names:tc:SAML:2.0:protocol:Response",
  "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor",
  "urn:oasis:names:tc:SAML:2.0:protocol:AuthnRequest",
];

/** Runs test/support/onelogin_sp.py with Debian's python3 and python3-saml. */
export function onelogin<T = Record<string, unknown>>(action: string, args: Record<string, unknown>): T {
  const run = spawnSync("/usr/bin/python3", [join(HERE, "onelogin_sp.py")], {
    input: JSON.stringify({ action, ...args }),
    encoding: "utf8",
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`onelogin_sp.py failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** The ID attribute of the first element with this (prefixed or not) name. */
export function idOf(xml: string, qname: string): string {
  const match = new RegExp(`<${qname}[\\s][^>]*?\\bID="([^"]+)"`).exec(xml);
  if (!match) throw new Error(`no ${qname} with an ID`);
  return match[1]!;
}

/** The substring of the first element with this qualified name, start tag to end tag. */
export function elementText(xml: string, qname: string): string {
  const start = xml.search(new RegExp(`<${qname}[\\s>]`));
  const endTag = `</${qname}>`;
  const end = xml.indexOf(endTag, start);
  if (start < 0 || end < 0) throw new Error(`no ${qname} element`);
  return xml.slice(start, end + endTag.length);
}

/** `xml` with its first ds:Signature element at or after `from` removed. */
export function withoutSignature(xml: string, from = 0): string {
  const start = xml.indexOf("<ds:Signature ", from);
  const end = xml.indexOf("</ds:Signature>", start);
  if (start < 0 || end < 0) throw new Error("no ds:Signature");
  return xml.slice(0, start) + xml.slice(end + "</ds:Signature>".length);
}
