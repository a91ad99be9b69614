// XML-DSig namespace and algorithm identifiers (XML-DSig 1.1 §6, RFC 6931).
import type { SignatureHash } from "../../crypto/index.ts";
import { xmlNamespace } from "../canonical/tree.ts";

export const DSIG_NS_URI = "http://www.w3.org/2000/09/xmldsig#";
export const DSIG = xmlNamespace(DSIG_NS_URI, "ds");

export const ALG = {
  excC14n: "http://www.w3.org/2001/10/xml-exc-c14n#",
  c14n: "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
  envelopedSignature: "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
  rsaSha1: "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
  rsaSha256: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  rsaSha512: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
  sha1: "http://www.w3.org/2000/09/xmldsig#sha1",
  sha256: "http://www.w3.org/2001/04/xmlenc#sha256",
  sha512: "http://www.w3.org/2001/04/xmlenc#sha512",
} as const;

/** Signature algorithms accepted on incoming messages, with the hash each uses. */
const SIGNATURE_HASHES: Readonly<Record<string, SignatureHash>> = {
  __proto__: null as unknown as SignatureHash,
  [ALG.rsaSha1]: "sha1",
  [ALG.rsaSha256]: "sha256",
  [ALG.rsaSha512]: "sha512",
};

/** The hash of an accepted RSA signature algorithm URI, or undefined. */
export function signatureHashOf(algorithm: string): SignatureHash | undefined {
  return SIGNATURE_HASHES[algorithm];
}

export const ACCEPTED_DIGESTS: ReadonlySet<string> = new Set([ALG.sha1, ALG.sha256, ALG.sha512]);
export const ACCEPTED_CANONICALIZATIONS: ReadonlySet<string> = new Set([ALG.excC14n, ALG.c14n]);
export const ACCEPTED_TRANSFORMS: ReadonlySet<string> = new Set([ALG.envelopedSignature, ALG.excC14n, ALG.c14n]);
