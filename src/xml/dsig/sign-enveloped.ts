// Enveloped XML signature over an element already in exclusive canonical form: the digest is taken
// over those exact bytes (the enveloped-signature transform removes the Signature, which is not in
// them yet), SignedInfo is rendered canonically and signed, and the ds:Signature is spliced in.
// RSA-SHA256, SHA-256, exc-c14n, KeyInfo with the X509Certificate (XML-DSig 1.1 §4).
import { rsaSign, rsaSignAsync, sha256 } from "../../crypto/index.ts";
import { canonicalize } from "../canonical/render.ts";
import { element, type CanonicalElement } from "../canonical/tree.ts";
import { ALG, DSIG } from "./algorithms.ts";
import { afterFirstChild, startTag } from "./insert.ts";
import type { XmlSigner } from "./signer.ts";

export interface SignEnvelopedOptions {
  /** Where the Signature goes: after the Issuer (SAML messages, default) or first (metadata). */
  position?: "after-issuer" | "first-child";
}

const ID = /^[A-Za-z_][A-Za-z0-9._-]*$/;

function algorithm(local: string, uri: string) {
  return element(DSIG, local, { Algorithm: uri });
}

/** The signature's parts before the RSA step: the canonical SignedInfo to sign, and how to finish. */
interface PendingSignature {
  signedInfo: string;
  finish(signatureValue: Buffer): CanonicalElement;
}

function prepare(target: CanonicalElement, id: string, signer: XmlSigner, options: SignEnvelopedOptions): PendingSignature {
  if (!ID.test(id)) throw new TypeError("the ID must be an NCName");
  const open = startTag(target.xml).text;
  if (!open.includes(` ID="${id}"`)) throw new TypeError(`the element's ID attribute is not ${id}`);
  if (open.includes(" xmlns:ds=")) throw new TypeError("the signed element must not declare the ds prefix");
  const at = options.position === "first-child" ? startTag(target.xml).end : afterFirstChild(target.xml, "Issuer");

  const signedInfo = element(DSIG, "SignedInfo", null, [
    algorithm("CanonicalizationMethod", ALG.excC14n),
    algorithm("SignatureMethod", ALG.rsaSha256),
    element(DSIG, "Reference", { URI: `#${id}` }, [
      element(DSIG, "Transforms", null, [algorithm("Transform", ALG.envelopedSignature), algorithm("Transform", ALG.excC14n)]),
      algorithm("DigestMethod", ALG.sha256),
      element(DSIG, "DigestValue", null, [sha256(target.xml).toString("base64")]),
    ]),
  ]);
  return {
    signedInfo: canonicalize(signedInfo).xml,
    finish(signatureValue) {
      const signature = canonicalize(
        element(DSIG, "Signature", null, [
          signedInfo,
          element(DSIG, "SignatureValue", null, [signatureValue.toString("base64")]),
          element(DSIG, "KeyInfo", null, [element(DSIG, "X509Data", null, [element(DSIG, "X509Certificate", null, [signer.certificate])])]),
        ]),
      );
      const namespaces = new Map(target.namespaces);
      namespaces.set(DSIG.prefix, DSIG.uri);
      return { kind: "canonical", xml: target.xml.slice(0, at) + signature.xml + target.xml.slice(at), namespaces };
    },
  };
}

export function signEnveloped(
  target: CanonicalElement,
  id: string,
  signer: XmlSigner,
  options: SignEnvelopedOptions = {},
): CanonicalElement {
  const pending = prepare(target, id, signer, options);
  return pending.finish(rsaSign(signer.key, pending.signedInfo, "sha256"));
}

/**
 * The same signature with the RSA step on libuv's thread pool, so a busy server signs on its other
 * cores while the main thread goes on serving (the login hot path).
 */
export async function signEnvelopedAsync(
  target: CanonicalElement,
  id: string,
  signer: XmlSigner,
  options: SignEnvelopedOptions = {},
): Promise<CanonicalElement> {
  const pending = prepare(target, id, signer, options);
  return pending.finish(await rsaSignAsync(signer.key, pending.signedInfo, "sha256"));
}
