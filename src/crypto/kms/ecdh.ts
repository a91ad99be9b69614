// ECDH key agreement (NIST SP 800-56A, the primitive "Z") for KMS DeriveSharedSecret.
import { diffieHellman } from "node:crypto";
import { KmsCryptoError } from "./errors.ts";
import { parsePublicKey, privateKeyFromDer } from "./keys.ts";

/** The raw ECDH shared secret (the x coordinate) of the KMS private key and a peer SPKI DER public key on the same curve. */
export function ecdhDerive(privateKeyDer: Uint8Array, peerPublicKeyDer: Uint8Array): Buffer {
  const privateKey = privateKeyFromDer(privateKeyDer);
  if (privateKey.asymmetricKeyType !== "ec") throw new KmsCryptoError("ERR_KEY_ALGORITHM", "ECDH needs an elliptic curve key");
  const publicKey = parsePublicKey(peerPublicKeyDer);
  if (!publicKey) throw new KmsCryptoError("ERR_PEER_KEY", "the peer public key is not DER-encoded SubjectPublicKeyInfo");
  const curve = privateKey.asymmetricKeyDetails?.namedCurve;
  if (publicKey.asymmetricKeyType !== "ec" || publicKey.asymmetricKeyDetails?.namedCurve !== curve) {
    throw new KmsCryptoError("ERR_PEER_KEY", `the peer public key is not on the key's curve (${curve})`);
  }
  try {
    return diffieHellman({ privateKey, publicKey });
  } catch (cause) {
    throw new KmsCryptoError("ERR_PEER_KEY", "the peer public key is not a valid point of the curve", { cause });
  }
}
