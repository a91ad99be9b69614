// DeriveSharedSecret: ECDH (NIST SP 800-56A, the raw shared secret Z) between the private key of
// a KEY_AGREEMENT key and a peer's public key (SubjectPublicKeyInfo DER) on the same curve. A peer
// key that does not parse, or lies on another curve, is ValidationException. The trail records
// the key and the algorithm, never the secret.
import type { DeriveSharedSecretResponse } from "@aws-sdk/client-kms";
import { ecdhDerive, KmsCryptoError, publicKeySpecOf } from "../../crypto/index.ts";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readKeyId } from "../api/key-input.ts";
import { optionalEnum, requiredBlob } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { currentMaterial, requireKeyUsage } from "../engine/key-usage.ts";
import { resolveKey } from "../engine/resolve.ts";
import { requireEnabled } from "../engine/states.ts";
import { keyResource, type KmsOperation } from "./operation.ts";

const KEY_AGREEMENT_ALGORITHMS = ["ECDH"] as const;
/** The service model's PublicKeyType: 1–8,192 bytes. */
const PUBLIC_KEY_MAX = 8192;

const notSpki = () => kmsError("ValidationException", "The PublicKey is not a valid DER-encoded X.509 SubjectPublicKeyInfo (SPKI) public key.");

export const deriveSharedSecret: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<DeriveSharedSecretResponse> {
    const p = ctx.params;
    const keyId = readKeyId(p);
    const algorithm = optionalEnum(p, "KeyAgreementAlgorithm", KEY_AGREEMENT_ALGORITHMS, true)!;
    const peerKey = requiredBlob(p, "PublicKey", { max: PUBLIC_KEY_MAX });
    readGrantTokens(p);
    const dryRun = readDryRun(p);
    if (p["Recipient"] !== undefined) throw kmsError("UnsupportedOperationException", "Recipient (Nitro Enclaves attestation) is not supported by federa.");
    const { key, requestAlias } = await resolveKey(deps, ctx, keyId);
    await authorizeKey(deps, ctx, key, "kms:DeriveSharedSecret", {
      ...(requestAlias === undefined ? {} : { requestAlias }),
      conditions: { "kms:KeyAgreementAlgorithm": algorithm },
    });
    requireEnabled(key);
    requireKeyUsage(key, "KEY_AGREEMENT", "DeriveSharedSecret");
    const peerSpec = publicKeySpecOf(peerKey);
    if (peerSpec === undefined) throw notSpki();
    if (peerSpec !== key.keySpec) throw kmsError("ValidationException", `The PublicKey is a ${peerSpec} key; ${key.arn} derives shared secrets only with ${key.keySpec} public keys.`);
    stopIfDryRun(dryRun);
    let secret: Buffer;
    try {
      secret = ecdhDerive(await currentMaterial(deps, key), peerKey);
    } catch (error) {
      if (error instanceof KmsCryptoError && error.code === "ERR_PEER_KEY") throw notSpki();
      throw error;
    }
    return { KeyId: key.arn, SharedSecret: secret, KeyAgreementAlgorithm: algorithm, KeyOrigin: key.origin as DeriveSharedSecretResponse["KeyOrigin"] };
  },
  trail: (params, output) => ({
    requestParameters: {
      keyId: params["KeyId"],
      keyAgreementAlgorithm: params["KeyAgreementAlgorithm"],
      ...(params["DryRun"] !== undefined ? { dryRun: params["DryRun"] } : {}),
    },
    responseElements: null,
    resources: keyResource((output as DeriveSharedSecretResponse | undefined)?.KeyId),
  }),
};
