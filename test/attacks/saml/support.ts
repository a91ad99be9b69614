// The attack suite's common ground: federa's IdP signs a valid AWS-shaped response for carol (who
// may assume ADFS-Auditors and ADFS-Developers, never ADFS-KeyAdmins), and each attack is derived
// from it. Refusals are measured: each must come fast, with AWS's error code.
import assert from "node:assert/strict";
import { DOMParser, XMLSerializer, type Document, type Element } from "@xmldom/xmldom";
import { buildSamlResponse, createXmlSigner, AWS_ATTRIBUTE, NAMEID_FORMAT, type SamlResponseInput, type XmlSigner } from "../../../src/idp/index.ts";
import { signEnveloped } from "../../../src/xml/index.ts";
import {
  MemoryReplayCache,
  isStsSamlError,
  validateSamlAssertion,
  type SamlAssertionInput,
  type SamlProviderTrust,
  type SamlValidationDeps,
  type StsSamlError,
  type ValidatedAssertion,
} from "../../../src/sts/saml/index.ts";
import { testIdentity } from "../../support/saml-verify.ts";

export const NOW = new Date("2026-03-02T10:00:00.000Z");
export const ACCOUNT = "111122223333";
export const OTHER_ACCOUNT = "444455556666";
export const IDP_ENTITY = "https://idp.federa.test/adfs/services/trust";
export const AWS_SIGNIN = "https://signin.aws.amazon.com/saml";
export const REGIONAL_SIGNIN = "https://eu-west-1.signin.aws.amazon.com/saml";
export const FEDERA_SAML = "http://localhost:4577/saml";
export const ACCEPTED_RECIPIENTS = [AWS_SIGNIN, "https://us-east-1.signin.aws.amazon.com/saml", REGIONAL_SIGNIN, FEDERA_SAML];
export const SAMLP_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
export const SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
export const DS_NS = "http://www.w3.org/2000/09/xmldsig#";

export const providerArn = (name = "ADFS", account = ACCOUNT) => `arn:aws:iam::${account}:saml-provider/${name}`;
export const roleArn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
export const ADFS = providerArn();
/** carol's grants: the first pair role-first, the second provider-first (AWS accepts either order). */
export const CAROL_ROLES = [`${roleArn("ADFS-Auditors")},${ADFS}`, `${ADFS},${roleArn("ADFS-Developers")}`];

export interface Keys {
  idp: XmlSigner;
  idpCertificatePem: string;
  attacker: XmlSigner;
  attackerCertificatePem: string;
}

export async function keys(): Promise<Keys> {
  const [idp, attacker] = await Promise.all([testIdentity(0), testIdentity(1)]);
  return {
    idp: createXmlSigner(idp.privateKeyPem, idp.certificatePem),
    idpCertificatePem: idp.certificatePem,
    attacker: createXmlSigner(attacker.privateKeyPem, attacker.certificatePem),
    attackerCertificatePem: attacker.certificatePem,
  };
}

export function responseInput(overrides: Partial<SamlResponseInput> = {}): SamlResponseInput {
  return {
    issuer: IDP_ENTITY,
    destination: AWS_SIGNIN,
    recipient: AWS_SIGNIN,
    audience: "urn:amazon:webservices",
    nameId: { value: "CORP\\carol", format: NAMEID_FORMAT.persistent },
    attributes: [
      { name: AWS_ATTRIBUTE.role, values: CAROL_ROLES },
      { name: AWS_ATTRIBUTE.roleSessionName, values: ["carol@corp.example.test"] },
      { name: AWS_ATTRIBUTE.sessionDuration, values: ["3600"] },
      { name: `${AWS_ATTRIBUTE.principalTagPrefix}department`, values: ["Audit"] },
    ],
    authnInstant: new Date(NOW.getTime() - 1000),
    sessionIndex: "_session-carol",
    sessionNotOnOrAfter: new Date(NOW.getTime() + 8 * 3_600_000),
    now: NOW,
    lifetimeSeconds: 300,
    ...overrides,
  };
}

/** A response of federa's IdP: assertion signed, and the Response too unless signResponse is false. */
export function signedResponse(signer: XmlSigner, overrides: Partial<SamlResponseInput> = {}): string {
  return buildSamlResponse(responseInput(overrides), signer);
}

export function provider(certificatePem: string, name = "ADFS", account = ACCOUNT, entityId = IDP_ENTITY): SamlProviderTrust {
  return { arn: providerArn(name, account), accountId: account, name, entityId, certificates: [certificatePem] };
}

export const base64 = (xml: string) => Buffer.from(xml, "utf8").toString("base64");

export function request(xml: string, trust: SamlProviderTrust, overrides: Partial<SamlAssertionInput> = {}): SamlAssertionInput {
  return {
    samlAssertion: base64(xml),
    roleArn: roleArn("ADFS-Auditors"),
    principalArn: trust.arn,
    provider: trust,
    acceptedRecipients: ACCEPTED_RECIPIENTS,
    now: NOW,
    replay: new MemoryReplayCache(),
    ...overrides,
  };
}

export const allowAll: SamlValidationDeps = { evaluateTrustPolicy: () => ({ allowed: true }) };

/**
 * Loose bounds on the time to refuse, in CPU time of this process (so that test files running in
 * parallel do not make it flaky). Refusals before any signature check take about a millisecond and
 * must stay under 50 ms: entity expansion, wrapping and oversized input all end there. Each XML
 * signature verification that ran (xml-crypto: about 10 ms uncontended on this 2-CPU machine, up to
 * 30 ms while the whole suite runs) adds 50 ms of allowance. A refusal over its bound is tried twice
 * more and the fastest counts, so a GC pause does not fail the suite; one that is slow every time does.
 */
export const REFUSAL_BUDGET_MS = 50;
export const SIGNATURE_CHECK_ALLOWANCE_MS = 50;

export interface Refusal {
  error: StsSamlError;
  /** CPU milliseconds (user + system) spent until the refusal. */
  elapsedMs: number;
}

export async function refusal(input: SamlAssertionInput, deps: SamlValidationDeps = allowAll): Promise<Refusal> {
  const started = process.cpuUsage();
  try {
    await validateSamlAssertion(input, deps);
  } catch (error) {
    const used = process.cpuUsage(started);
    const elapsedMs = (used.user + used.system) / 1000;
    assert.ok(isStsSamlError(error), `expected an StsSamlError, got ${String(error)}`);
    return { error, elapsedMs };
  }
  assert.fail("the assertion was accepted");
}

/** Asserts the AWS error code, the refusing check, the signature checks that ran, and the speed. */
export async function assertRefused(
  input: SamlAssertionInput,
  expected: { code: string; reason: string; signatureChecks: number },
  deps: SamlValidationDeps = allowAll,
): Promise<StsSamlError> {
  const { error, elapsedMs: firstMs } = await refusal(input, deps);
  const budget = REFUSAL_BUDGET_MS + SIGNATURE_CHECK_ALLOWANCE_MS * error.signatureChecks;
  let elapsedMs = firstMs;
  for (let attempt = 1; attempt < 3 && elapsedMs >= budget; attempt++) {
    elapsedMs = Math.min(elapsedMs, (await refusal(input, deps)).elapsedMs);
  }
  assert.deepEqual(
    { code: error.code, reason: error.reason, signatureChecks: error.signatureChecks },
    { code: expected.code, reason: expected.reason, signatureChecks: expected.signatureChecks },
  );
  assert.ok(elapsedMs < budget, `refused in ${elapsedMs.toFixed(1)} ms of CPU (bound ${budget} ms)`);
  assert.ok(!error.message.includes("<") && error.message.length <= 140, "the message is short and quotes no XML");
  return error;
}

export function accepted(input: SamlAssertionInput, deps: SamlValidationDeps = allowAll): Promise<ValidatedAssertion> {
  return validateSamlAssertion(input, deps);
}

/** One warm-up validation per process, so the first timed refusal does not pay for JIT warm-up. */
export async function warmUp(k: Keys): Promise<void> {
  await accepted(request(signedResponse(k.idp), provider(k.idpCertificatePem)));
}

// String surgery on the writer's canonical output: removing an element or swapping text that needs
// no escaping keeps it canonical, so a re-signed document verifies as the writer's own does.

const SIGNATURE = /<ds:Signature xmlns:ds="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*?<\/ds:Signature>/g;

/** The document with its n-th ds:Signature (0: the Response's when it is signed) removed. */
export function withoutSignature(xml: string, index: number): string {
  let seen = -1;
  return xml.replace(SIGNATURE, (signature) => (++seen === index ? "" : signature));
}

export const withoutSignatures = (xml: string) => xml.replace(SIGNATURE, "");

/** The attacker's edit: carol's Auditors grant becomes KeyAdmins, the role she must never get. */
export function evilize(xml: string): string {
  assert.ok(xml.includes("role/ADFS-Auditors"));
  return xml.replaceAll("role/ADFS-Auditors", "role/ADFS-KeyAdmins");
}

/** Signs the Response of a canonical document (which must carry no Response signature yet). */
export function signResponse(xml: string, signer: XmlSigner): string {
  const id = /^<samlp:Response [^>]*?\bID="([^"]+)"/.exec(xml)?.[1];
  assert.ok(id, "no Response ID");
  const namespaces = new Map([["samlp", SAMLP_NS], ["", SAML_NS]]);
  return signEnveloped({ kind: "canonical", xml, namespaces }, id, signer).xml;
}

// DOM surgery for the wrapping attacks, with a plain (unhardened) parser: the attacker's tool.

export const dom = (xml: string): Document => new DOMParser().parseFromString(xml, "application/xml");
export const serialize = (doc: Document | Element): string => new XMLSerializer().serializeToString(doc);

export function first(parent: Document | Element, ns: string, local: string): Element {
  const found = parent.getElementsByTagNameNS(ns, local)[0];
  assert.ok(found, `no ${local}`);
  return found;
}

export function directChild(parent: Element, ns: string, local: string): Element {
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === local) return node as Element;
  }
  assert.fail(`no ${local} child`);
}

/** Re-signs a canonical document as a trusted IdP would: the assertion, and the Response if asked. */
export function resign(xml: string, signer: XmlSigner, options: { response: boolean }): string {
  const bare = withoutSignatures(xml);
  const start = bare.indexOf(`<Assertion xmlns="${SAML_NS}"`);
  const end = bare.indexOf("</Assertion>", start) + "</Assertion>".length;
  assert.ok(start > 0 && end > start, "no Assertion in the writer's form");
  const assertionXml = bare.slice(start, end);
  const id = /^<Assertion [^>]*?\bID="([^"]+)"/.exec(assertionXml)![1]!;
  const signed = signEnveloped({ kind: "canonical", xml: assertionXml, namespaces: new Map([["", SAML_NS]]) }, id, signer).xml;
  const document = bare.slice(0, start) + signed + bare.slice(end);
  return options.response ? signResponse(document, signer) : document;
}
