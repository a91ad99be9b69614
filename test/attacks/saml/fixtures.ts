// One fixture per attack, named after it (the name is the test's title). Each is derived from a
// valid response of federa's IdP for carol, whose grants are ADFS-Auditors and ADFS-Developers;
// the attacker wants ADFS-KeyAdmins (or another identity) and edits the document to get it.
import { createHmac } from "node:crypto";
import { sha256 } from "../../../src/crypto/index.ts";
import type { Element } from "@xmldom/xmldom";
import { AWS_ATTRIBUTE, NAMEID_FORMAT } from "../../../src/idp/index.ts";
import {
  DS_NS,
  SAML_NS,
  SAMLP_NS,
  directChild,
  dom,
  evilize,
  first,
  providerArn,
  resign,
  roleArn,
  serialize,
  signResponse,
  signedResponse,
  withoutSignature,
  withoutSignatures,
  type Keys,
} from "./support.ts";

/** DOM form of `evilize`: every AttributeValue granting ADFS-Auditors now grants ADFS-KeyAdmins. */
function evilizeElement(root: Element): void {
  const values = root.getElementsByTagNameNS(SAML_NS, "AttributeValue");
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value.textContent?.includes("role/ADFS-Auditors")) value.textContent = value.textContent.replace("role/ADFS-Auditors", "role/ADFS-KeyAdmins");
  }
}

/** A copy of `element` with a new ID, its own signature removed unless kept, and evilized. */
function evilCopy(element: Element, options: { keepSignature: boolean }): Element {
  const copy = element.cloneNode(true) as Element;
  copy.setAttribute("ID", "_evil");
  if (!options.keepSignature) copy.removeChild(directChild(copy, DS_NS, "Signature"));
  evilizeElement(copy);
  return copy;
}

function unsignedCopy(element: Element): Element {
  const copy = element.cloneNode(true) as Element;
  copy.removeChild(directChild(copy, DS_NS, "Signature"));
  return copy;
}

/** The Response (both signed) and its Assertion, parsed for surgery. */
function parts(xml: string) {
  const doc = dom(xml);
  const response = doc.documentElement!;
  return { doc, response, assertion: directChild(response, SAML_NS, "Assertion") };
}

export const XSW = {
  /** XSW1: an evil Response (new ID) carries the original signature, with the signed Response copied inside it. */
  "xsw1.response-copy-inside-signature": (k: Keys) => {
    const { doc, response } = parts(signedResponse(k.idp));
    const original = unsignedCopy(response);
    response.setAttribute("ID", "_evil-response");
    evilizeElement(response);
    directChild(response, DS_NS, "Signature").appendChild(original);
    return serialize(doc);
  },
  /** XSW2: the same, the signed Response copied in before the signature (a detached signature). */
  "xsw2.response-copy-before-signature": (k: Keys) => {
    const { doc, response } = parts(signedResponse(k.idp));
    const original = unsignedCopy(response);
    response.setAttribute("ID", "_evil-response");
    evilizeElement(response);
    response.insertBefore(original, directChild(response, DS_NS, "Signature"));
    return serialize(doc);
  },
  /** XSW3: an evil unsigned Assertion inserted before the signed one. */
  "xsw3.evil-assertion-before-signed-assertion": (k: Keys) => {
    const { doc, response, assertion } = parts(signedResponse(k.idp, { signResponse: false }));
    response.insertBefore(evilCopy(assertion, { keepSignature: false }), assertion);
    return serialize(doc);
  },
  /** XSW4: the signed Assertion moved inside an evil unsigned Assertion. */
  "xsw4.signed-assertion-inside-evil-assertion": (k: Keys) => {
    const { doc, response, assertion } = parts(signedResponse(k.idp, { signResponse: false }));
    const evil = evilCopy(assertion, { keepSignature: false });
    response.replaceChild(evil, assertion);
    evil.appendChild(assertion);
    return serialize(doc);
  },
  /** XSW5: the evil Assertion keeps the signature; the original, unsigned, is appended to the Response. */
  "xsw5.evil-assertion-keeps-signature-original-appended": (k: Keys) => {
    const { doc, response, assertion } = parts(signedResponse(k.idp, { signResponse: false }));
    const evil = evilCopy(assertion, { keepSignature: true });
    response.replaceChild(evil, assertion);
    response.appendChild(unsignedCopy(assertion));
    return serialize(doc);
  },
  /** XSW6: the evil Assertion keeps the signature, with the original Assertion inside that signature. */
  "xsw6.original-inside-signature-of-evil-assertion": (k: Keys) => {
    const { doc, response, assertion } = parts(signedResponse(k.idp, { signResponse: false }));
    const evil = evilCopy(assertion, { keepSignature: true });
    response.replaceChild(evil, assertion);
    directChild(evil, DS_NS, "Signature").appendChild(unsignedCopy(assertion));
    return serialize(doc);
  },
  /** XSW7: an evil Assertion in samlp:Extensions; the signed original stays where it was. */
  "xsw7.evil-assertion-in-extensions": (k: Keys) => {
    const { doc, response, assertion } = parts(signedResponse(k.idp, { signResponse: false }));
    const extensions = doc.createElementNS(SAMLP_NS, "samlp:Extensions");
    extensions.appendChild(evilCopy(assertion, { keepSignature: false }));
    response.insertBefore(extensions, first(response, SAMLP_NS, "Status"));
    return serialize(doc);
  },
  /** XSW8: the evil Assertion keeps the signature; the original sits in a ds:Object inside it. */
  "xsw8.original-in-signature-object-of-evil-assertion": (k: Keys) => {
    const { doc, response, assertion } = parts(signedResponse(k.idp, { signResponse: false }));
    const evil = evilCopy(assertion, { keepSignature: true });
    response.replaceChild(evil, assertion);
    const object = doc.createElementNS(DS_NS, "ds:Object");
    object.appendChild(unsignedCopy(assertion));
    directChild(evil, DS_NS, "Signature").appendChild(object);
    return serialize(doc);
  },
} as const;

export const SIGNATURE_ATTACKS = {
  /** Both signatures stripped, the grant edited. */
  "signature-removed": (k: Keys) => evilize(withoutSignatures(signedResponse(k.idp))),
  /** The Response stays signed; its Assertion is replaced by an edited one without a signature. */
  "unsigned-assertion-in-signed-response": (k: Keys) => evilize(withoutSignature(signedResponse(k.idp), 1)),
  /** The grant edited, then the Response re-signed with the attacker's key, its certificate in KeyInfo. */
  "response-resigned-with-attacker-certificate-in-keyinfo": (k: Keys) => signResponse(evilize(withoutSignatures(signedResponse(k.idp))), k.attacker),
  /** The same, re-signing the Assertion (and the Response) with the attacker's key. */
  "assertion-resigned-with-attacker-certificate-in-keyinfo": (k: Keys) => resign(evilize(signedResponse(k.idp)), k.attacker, { response: false }),
  /**
   * CVE-2025-29775's shape: the edited assertion's digest hidden in a comment in DigestValue, the
   * original digest after it. Canonical SignedInfo (no comments) is unchanged, so the RSA step
   * passes; a verifier reading the comment as the digest would accept the edit.
   */
  "comment-in-digest-value": (k: Keys) => {
    const xml = signedResponse(k.idp, { signResponse: false });
    const start = xml.indexOf(`<Assertion xmlns="${SAML_NS}"`);
    const end = xml.indexOf("</Assertion>") + "</Assertion>".length;
    const evilAssertion = evilize(xml.slice(start, end));
    const evilDigest = sha256(withoutSignatures(evilAssertion)).toString("base64");
    const withComment = evilAssertion.replace(/<ds:DigestValue>([^<]+)<\/ds:DigestValue>/, `<ds:DigestValue><!--${evilDigest}-->$1</ds:DigestValue>`);
    return xml.slice(0, start) + withComment + xml.slice(end);
  },
  /** A second SignedInfo in the assertion's signature. */
  "two-signed-info": (k: Keys) => {
    const xml = signedResponse(k.idp, { signResponse: false });
    const signedInfo = /<ds:SignedInfo>[\s\S]*?<\/ds:SignedInfo>/.exec(xml)![0];
    return evilize(xml.replace(signedInfo, () => signedInfo + signedInfo));
  },
  /** HMAC-SHA1 keyed with the IdP's public certificate (key confusion), over an edited assertion. */
  "hmac-signature-method": (k: Keys) => {
    const xml = evilize(signedResponse(k.idp, { signResponse: false }));
    const hmac = xml.replace(/(<ds:SignatureMethod Algorithm=")[^"]+/, "$1http://www.w3.org/2000/09/xmldsig#hmac-sha1");
    const signedInfo = /<ds:SignedInfo>[\s\S]*?<\/ds:SignedInfo>/.exec(hmac)![0].replace("<ds:SignedInfo>", `<ds:SignedInfo xmlns:ds="${DS_NS}">`);
    const value = createHmac("sha1", k.idpCertificatePem).update(signedInfo).digest("base64");
    return hmac.replace(/<ds:SignatureValue>[^<]+/, `<ds:SignatureValue>${value}`);
  },
  /** Both signed by the IdP, but the assertion's signature is broken: the Response's verifies, not both. */
  "response-signature-valid-assertion-signature-broken": (k: Keys) => {
    const xml = withoutSignature(signedResponse(k.idp), 0);
    const broken = xml.replace(/<ds:SignatureValue>(.)/, (_all, c: string) => `<ds:SignatureValue>${c === "A" ? "B" : "A"}`);
    return signResponse(broken, k.idp);
  },
} as const;

/** Inserts an empty comment right after the first occurrence of `marker` (which must be text). */
export function commentAfter(xml: string, marker: string): string {
  const at = xml.indexOf(marker);
  if (at < 0) throw new Error(`no ${marker}`);
  return xml.slice(0, at + marker.length) + "<!---->" + xml.slice(at + marker.length);
}

export const COMMENT_ATTACKS = {
  /**
   * The attacker's IdP account is admin@corp.example.test.evil.example; a comment after
   * "admin@corp.example.test" leaves the signatures valid (c14n drops comments), and a verifier that
   * reads only the first text node would see admin@corp.example.test.
   */
  "comment-in-name-id": (k: Keys) =>
    commentAfter(signedResponse(k.idp, { nameId: { value: "admin@corp.example.test.evil.example", format: NAMEID_FORMAT.emailAddress } }), "admin@corp.example.test"),
  /** The same trick on the Role value: "…role/ADFS-KeyAdmins<!---->.evil" would read as ADFS-KeyAdmins. */
  "comment-in-role-arn": (k: Keys) =>
    commentAfter(
      signedResponse(k.idp, {
        attributes: [
          { name: AWS_ATTRIBUTE.role, values: [`${providerArn()},${roleArn("ADFS-KeyAdmins.evil")}`] },
          { name: AWS_ATTRIBUTE.roleSessionName, values: ["carol"] },
        ],
      }),
      "role/ADFS-KeyAdmins",
    ),
} as const;

const LOL = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");

export const XML_ATTACKS = {
  /** A document type declaration, even an empty one. */
  "dtd.doctype-declaration": (k: Keys) => `<!DOCTYPE samlp:Response>${signedResponse(k.idp)}`,
  /** An external entity (XXE) read into the NameID. */
  "xxe.external-entity-in-name-id": (k: Keys) =>
    `<!DOCTYPE samlp:Response [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + signedResponse(k.idp).replace("CORP\\carol", "&xxe;"),
  /** Billion laughs: 10^9 "lol"s from a few hundred bytes. */
  "billion-laughs.entity-expansion": (k: Keys) =>
    `<!DOCTYPE samlp:Response [<!ENTITY lol0 "lol">${LOL}]>` + signedResponse(k.idp).replace("CORP\\carol", "&lol9;"),
  /** The signed Assertion twice (identical, both signatures valid). */
  "two-assertions.signed-assertion-repeated": (k: Keys) => {
    const xml = signedResponse(k.idp, { signResponse: false });
    const assertion = xml.slice(xml.indexOf(`<Assertion xmlns="${SAML_NS}"`), xml.indexOf("</Assertion>") + "</Assertion>".length);
    return xml.replace("</samlp:Response>", () => `${assertion}</samlp:Response>`);
  },
  /** Two root elements: the signed Response, then another. */
  "two-root-elements": (k: Keys) => signedResponse(k.idp) + evilize(withoutSignatures(signedResponse(k.idp))),
  /** An EncryptedAssertion instead of an Assertion: AWS's optional SAML encryption, not in federa. */
  "encrypted-assertion": (k: Keys) => {
    const xml = withoutSignatures(signedResponse(k.idp));
    const encrypted = `<EncryptedAssertion xmlns="${SAML_NS}"><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"><xenc:CipherData><xenc:CipherValue>AAAA</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></EncryptedAssertion>`;
    return xml.replace(/<Assertion [\s\S]*<\/Assertion>/, () => encrypted);
  },
} as const;
