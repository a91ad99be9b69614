// buildSamlResponse: a successful samlp:Response whose assertion is always signed, and the response
// too unless signResponse is false. Both signatures are taken over bytes the writer produced in
// canonical form; the assertion is signed first, so the response's signature covers it whole.
import { canonicalize, element, signEnveloped, signEnvelopedAsync, type XmlSigner } from "../../../xml/index.ts";
import { randomXmlId } from "../../../crypto/index.ts";
import { SAMLP, TOP_STATUS } from "../constants.ts";
import { assertionElement } from "./assertion.ts";
import { responseXml, responseXmlAsync, type EnvelopeFields } from "./envelope.ts";
import { requireDate, requireSeconds, requireText } from "./checks.ts";
import type { SamlResponseInput } from "./types.ts";

const SUCCESS = element(SAMLP, "Status", null, [element(SAMLP, "StatusCode", { Value: TOP_STATUS.Success })]);

function check(input: SamlResponseInput): void {
  for (const name of ["issuer", "destination", "recipient", "audience", "sessionIndex"] as const) requireText(input[name], name);
  requireText(input.nameId?.value, "nameId.value");
  requireText(input.nameId?.format, "nameId.format");
  for (const name of ["now", "authnInstant", "sessionNotOnOrAfter"] as const) requireDate(input[name], name);
  requireSeconds(input.lifetimeSeconds, "lifetimeSeconds", 1);
  if (input.notBeforeSkewSeconds !== undefined) requireSeconds(input.notBeforeSkewSeconds, "notBeforeSkewSeconds", 0);
  if (input.inResponseTo !== undefined) requireText(input.inResponseTo, "inResponseTo");
  for (const attribute of input.attributes) {
    requireText(attribute.name, "attribute name");
    if (!Array.isArray(attribute.values)) throw new TypeError(`attribute ${attribute.name}: values must be an array`);
  }
}

function envelope(input: SamlResponseInput): EnvelopeFields {
  return { id: randomXmlId(), issuer: input.issuer, destination: input.destination, inResponseTo: input.inResponseTo, consent: input.consent, now: input.now };
}

/** The Response XML (no XML declaration), ready to be base64-encoded into the POST form. */
export function buildSamlResponse(input: SamlResponseInput, signer: XmlSigner): string {
  check(input);
  const assertionId = randomXmlId();
  const assertion = signEnveloped(canonicalize(assertionElement(input, assertionId)), assertionId, signer);
  return responseXml(envelope(input), SUCCESS, assertion, input.signResponse === false ? undefined : signer);
}

/**
 * buildSamlResponse with both RSA steps on libuv's thread pool: the same bytes, but the server's
 * main thread serves other logins meanwhile. The login endpoint uses this one.
 */
export async function buildSamlResponseAsync(input: SamlResponseInput, signer: XmlSigner): Promise<string> {
  check(input);
  const assertionId = randomXmlId();
  const assertion = await signEnvelopedAsync(canonicalize(assertionElement(input, assertionId)), assertionId, signer);
  return responseXmlAsync(envelope(input), SUCCESS, assertion, input.signResponse === false ? undefined : signer);
}
