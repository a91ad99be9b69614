// The document is one samlp:Response (version 2.0) holding exactly one saml:Assertion (version
// 2.0), and no other Assertion, Response or repeated ID anywhere: the signature-wrapping attacks
// (XSW1-8) all need a second copy, so they fail here before any cryptography. AWS's
// EncryptedAssertion (SAML encryption) is not supported by federa and is refused as such.
import { attributeOf, isElement, type Document, type Element } from "../../../xml/index.ts";
import { StsSamlError } from "../errors.ts";
import { SAML_ASSERTION_NS, SAML_PROTOCOL_NS } from "../constants.ts";
import { samlChildren } from "../saml-xml.ts";

export interface ResponseShape {
  document: Document;
  response: Element;
  assertion: Element;
}

const refuse = (message: string, reason: string) => new StsSamlError("InvalidIdentityToken", message, reason);
const isSaml = (node: Element, local: string) =>
  node.localName === local && (node.namespaceURI === SAML_ASSERTION_NS || node.namespaceURI === SAML_PROTOCOL_NS);

export function checkResponseShape(document: Document): ResponseShape {
  const response = document.documentElement!;
  if (response.namespaceURI !== SAML_PROTOCOL_NS || response.localName !== "Response" || attributeOf(response, "Version") !== "2.0") {
    throw refuse("Invalid SAML response: not a SAML 2.0 Response", "not-a-response");
  }
  const count = { responses: 0, assertions: 0, encrypted: 0 };
  const ids: string[] = [];
  for (const stack: Element[] = [response]; stack.length > 0; ) {
    const node = stack.pop()!;
    if (isSaml(node, "Response")) count.responses++;
    if (isSaml(node, "Assertion")) count.assertions++;
    if (isSaml(node, "EncryptedAssertion")) count.encrypted++;
    for (const name of ["ID", "Id", "id"]) ids.push(attributeOf(node, name) ?? "");
    for (let child = node.firstChild; child; child = child.nextSibling) if (isElement(child)) stack.push(child);
  }
  if (count.encrypted > 0) throw refuse("Encrypted SAML assertions are not supported", "encrypted-assertion");
  if (count.responses !== 1) throw refuse("Invalid SAML response: more than one Response", "response-count");
  const assertions = samlChildren(response, "Assertion");
  if (count.assertions !== 1 || assertions.length !== 1) throw refuse("The SAML response must hold exactly one Assertion", "assertion-count");
  const named = ids.filter((id) => id !== "");
  if (new Set(named).size !== named.length) throw refuse("Invalid SAML response: repeated ID", "duplicate-id");
  if (attributeOf(assertions[0]!, "Version") !== "2.0") throw refuse("Invalid SAML response: not a SAML 2.0 Assertion", "assertion-version");
  return { document, response, assertion: assertions[0]! };
}
