// The saml:Assertion of a successful sign-on, as AWS documents it and AD FS writes it: persistent
// NameID; one bearer SubjectConfirmation with Recipient and NotOnOrAfter; Conditions with NotBefore,
// NotOnOrAfter and the Audience; the attributes; an AuthnStatement. Schema order (SAML core §2.3.3):
// Issuer, Signature, Subject, Conditions, Advice, statements.
import { element, type XmlElement } from "../../../xml/index.ts";
import { isoInstant } from "../../../shared/index.ts";
import { AC_PASSWORD_PROTECTED_TRANSPORT, ATTRNAME_FORMAT_URI, CM_BEARER, SAML } from "../constants.ts";
import { issuerElement } from "./envelope.ts";
import { plusSeconds } from "./checks.ts";
import type { SamlAttribute, SamlResponseInput } from "./types.ts";

function attributeElement(attribute: SamlAttribute): XmlElement {
  return element(
    SAML,
    "Attribute",
    { Name: attribute.name, NameFormat: attribute.nameFormat ?? ATTRNAME_FORMAT_URI, FriendlyName: attribute.friendlyName },
    attribute.values.map((value) => element(SAML, "AttributeValue", null, [value])),
  );
}

export function assertionElement(input: SamlResponseInput, id: string): XmlElement {
  const notOnOrAfter = isoInstant(plusSeconds(input.now, input.lifetimeSeconds));
  const notBefore = isoInstant(plusSeconds(input.now, -(input.notBeforeSkewSeconds ?? 0)));
  const { nameId } = input;
  return element(SAML, "Assertion", { ID: id, IssueInstant: isoInstant(input.now), Version: "2.0" }, [
    issuerElement(input.issuer),
    element(SAML, "Subject", null, [
      element(SAML, "NameID", { Format: nameId.format, NameQualifier: nameId.nameQualifier, SPNameQualifier: nameId.spNameQualifier }, [nameId.value]),
      element(SAML, "SubjectConfirmation", { Method: CM_BEARER }, [
        element(SAML, "SubjectConfirmationData", { InResponseTo: input.inResponseTo, NotOnOrAfter: notOnOrAfter, Recipient: input.recipient }),
      ]),
    ]),
    element(SAML, "Conditions", { NotBefore: notBefore, NotOnOrAfter: notOnOrAfter }, [
      element(SAML, "AudienceRestriction", null, [element(SAML, "Audience", null, [input.audience])]),
    ]),
    // The schema wants at least one Attribute in an AttributeStatement.
    input.attributes.length > 0 && element(SAML, "AttributeStatement", null, input.attributes.map(attributeElement)),
    element(
      SAML,
      "AuthnStatement",
      { AuthnInstant: isoInstant(input.authnInstant), SessionIndex: input.sessionIndex, SessionNotOnOrAfter: isoInstant(input.sessionNotOnOrAfter) },
      [element(SAML, "AuthnContext", null, [element(SAML, "AuthnContextClassRef", null, [input.authnContextClassRef ?? AC_PASSWORD_PROTECTED_TRANSPORT])])],
    ),
  ]);
}
