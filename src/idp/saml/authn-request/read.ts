// Reads an AuthnRequest's fields (SAML core §3.4.1) from an element that is already trusted:
// the whole message under a verified query signature, the verified element of an XML signature,
// or the message of an SP that does not sign. Exact namespaces, xs:boolean and xs:dateTime.
import { attributeOf, childElements, textOf, type Element } from "../../../xml/index.ts";
import { SAML_ASSERTION_NS, SAML_PROTOCOL_NS } from "../constants.ts";
import { SamlError } from "../errors.ts";
import type { AuthnRequest } from "./types.ts";

type Fields = Omit<AuthnRequest, "binding" | "signed" | "relayState">;

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ID = /^[^\s]{1,256}$/;

function malformed(message: string): SamlError {
  return new SamlError("SAML_REQUEST_MALFORMED", message);
}

function xsBoolean(node: Element, name: string): boolean | undefined {
  const value = attributeOf(node, name);
  if (value === undefined) return undefined;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw malformed(`${name} is not an xs:boolean`);
}

/** Asserts the element is a samlp:AuthnRequest and returns its Issuer (unverified until trusted). */
export function issuerOf(root: Element): string {
  if (root.namespaceURI !== SAML_PROTOCOL_NS || root.localName !== "AuthnRequest") throw malformed("the message is not a samlp:AuthnRequest");
  const issuers = childElements(root, SAML_ASSERTION_NS, "Issuer");
  if (issuers.length !== 1) throw malformed("the AuthnRequest must carry exactly one Issuer");
  const issuer = textOf(issuers[0]!).trim();
  if (issuer === "") throw malformed("the AuthnRequest's Issuer is empty");
  return issuer;
}

export function readAuthnRequest(root: Element): Fields {
  const issuer = issuerOf(root);
  const version = attributeOf(root, "Version");
  if (version !== "2.0") throw new SamlError("SAML_REQUEST_VERSION_UNSUPPORTED", "the AuthnRequest's Version is not 2.0");
  const id = attributeOf(root, "ID");
  if (id === undefined || !ID.test(id)) throw malformed("the AuthnRequest's ID is missing or invalid");
  const instant = attributeOf(root, "IssueInstant");
  const issueInstant = instant !== undefined && DATE_TIME.test(instant) ? new Date(instant) : undefined;
  if (!issueInstant || Number.isNaN(issueInstant.getTime())) throw malformed("the AuthnRequest's IssueInstant is missing or invalid");

  const fields: Fields = { id, issuer, issueInstant, forceAuthn: xsBoolean(root, "ForceAuthn") ?? false, isPassive: xsBoolean(root, "IsPassive") ?? false };
  const destination = attributeOf(root, "Destination");
  if (destination !== undefined) fields.destination = destination;
  const acsUrl = attributeOf(root, "AssertionConsumerServiceURL");
  if (acsUrl !== undefined) fields.acsUrl = acsUrl;
  const acsIndex = attributeOf(root, "AssertionConsumerServiceIndex");
  if (acsIndex !== undefined) {
    if (!/^\d{1,5}$/.test(acsIndex) || Number(acsIndex) > 65535) throw malformed("AssertionConsumerServiceIndex is not an unsignedShort");
    fields.acsIndex = Number(acsIndex);
  }
  const protocolBinding = attributeOf(root, "ProtocolBinding");
  if (protocolBinding !== undefined) fields.protocolBinding = protocolBinding;
  const policies = childElements(root, SAML_PROTOCOL_NS, "NameIDPolicy");
  if (policies.length > 1) throw malformed("the AuthnRequest carries more than one NameIDPolicy");
  if (policies[0]) {
    const format = attributeOf(policies[0], "Format");
    if (format !== undefined) fields.nameIdPolicyFormat = format;
    const allowCreate = xsBoolean(policies[0], "AllowCreate");
    if (allowCreate !== undefined) fields.nameIdPolicyAllowCreate = allowCreate;
  }
  return fields;
}
