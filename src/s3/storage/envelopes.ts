// Envelopes and their data keys. SSE-KMS: a data key from the KMS engine, asked for as the caller
// (GenerateDataKey to make one, Decrypt to open one), with the encryption context
// {"aws:s3:arn": <object ARN>} (the bucket's ARN when the bucket key is on, as AWS does) and any the
// request gave. SSE-S3 (AES256): a random data key wrapped under the root key. Each blob is
// encrypted under its own key, derived from the data key and the blob id (HKDF-SHA256): the parts
// of a multipart upload share an envelope, and so a nonce prefix, yet no IV ever repeats under a key.
import { deriveKey, randomKeyMaterial, type RootKeyProvider } from "../../crypto/index.ts";
import { decryptDataKeyFor, generateDataKeyFor, type KmsDeps, type ServiceCaller } from "../../kms/index.ts";
import { BodyError } from "./errors.ts";
import { NONCE_BYTES } from "./format.ts";
import { s3ErrorFromKms } from "./kms-errors.ts";
import type { Envelope, SseCaller, SseRequest } from "./types.ts";

const DATA_KEY_BYTES = 32;
const S3_ARN_KEY = "aws:s3:arn";

export interface DataKeys {
  newEnvelope(sse: SseRequest, objectArn: string, who: SseCaller): Promise<Envelope>;
  /**
   * The envelope's plaintext data key (a copy: the caller zeroes it when done). For "write", an
   * envelope this process has just made is opened without KMS; "read" always asks KMS as the caller.
   */
  dataKeyOf(envelope: Envelope, who: SseCaller, purpose: "write" | "read"): Promise<Buffer>;
}

/** arn:aws:s3:::bucket/key → arn:aws:s3:::bucket */
function bucketArnOf(objectArn: string): string {
  const slash = objectArn.indexOf("/");
  return slash < 0 ? objectArn : objectArn.slice(0, slash);
}

function asService(who: SseCaller): ServiceCaller {
  return { caller: who.caller, region: who.region, sourceIp: who.sourceIp, secureTransport: who.secureTransport, now: who.now, requestId: who.requestId, service: "s3" };
}

/** The root key's AAD for an SSE-S3 data key: bound to its envelope's nonce. */
function wrapAad(nonce: string): Buffer {
  return Buffer.from(`federa/s3/sse-s3/data-key/${nonce}`, "utf8");
}

/** The envelope's nonce prefix, or a BodyError when the envelope is damaged. */
export function nonceOf(envelope: Envelope): Buffer {
  const nonce = Buffer.from(envelope.nonce, "base64");
  if (nonce.length !== NONCE_BYTES) throw new BodyError("ERR_S3_DATA_KEY", "the envelope's nonce is not 8 bytes");
  return nonce;
}

/** The key of one blob: HKDF-SHA256 of the data key, for this blob id only. */
export function blobKey(dataKey: Buffer, blobId: string): Buffer {
  return deriveKey(dataKey, `s3/blob/${blobId}`, 32);
}

export function createDataKeys(kms: KmsDeps, rootKey: RootKeyProvider): DataKeys {
  // The plaintext data key of an envelope this process just made, so that PutObject's writePart
  // needs no Decrypt (AWS asks only kms:GenerateDataKey of PutObject). An envelope read back from
  // the store (UploadPart of a multipart upload) is opened by KMS as the caller: kms:Decrypt, as AWS.
  const fresh = new WeakMap<Envelope, Buffer>();

  async function newEnvelope(sse: SseRequest, objectArn: string, who: SseCaller): Promise<Envelope> {
    const nonce = randomKeyMaterial(NONCE_BYTES).toString("base64");
    if (sse.algorithm === "AES256") {
      const dataKey = randomKeyMaterial(DATA_KEY_BYTES);
      const wrapped = await rootKey.wrap(dataKey, wrapAad(nonce));
      const envelope: Envelope = { algorithm: "AES256", encryptedDataKey: wrapped.toString("base64"), nonce };
      fresh.set(envelope, dataKey);
      return envelope;
    }
    const bucketKey = sse.bucketKeyEnabled === true;
    const context: Record<string, string> = { ...(sse.context ?? {}), [S3_ARN_KEY]: bucketKey ? bucketArnOf(objectArn) : objectArn };
    let generated;
    try {
      generated = await generateDataKeyFor(kms, asService(who), sse.kmsKeyId, context);
    } catch (error) {
      throw s3ErrorFromKms(error, "kms:GenerateDataKey", who);
    }
    const envelope: Envelope = {
      algorithm: "aws:kms",
      kmsKeyArn: generated.keyArn,
      context,
      ...(sse.bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled: sse.bucketKeyEnabled }),
      encryptedDataKey: generated.ciphertextBlob.toString("base64"),
      nonce,
    };
    fresh.set(envelope, generated.plaintext);
    return envelope;
  }

  async function dataKeyOf(envelope: Envelope, who: SseCaller, purpose: "write" | "read"): Promise<Buffer> {
    const known = purpose === "write" ? fresh.get(envelope) : undefined;
    if (known) return Buffer.from(known);
    const blob = Buffer.from(envelope.encryptedDataKey, "base64");
    if (envelope.algorithm === "AES256") {
      try {
        return await rootKey.unwrap(blob, wrapAad(envelope.nonce));
      } catch (error) {
        throw new BodyError("ERR_S3_DATA_KEY", "the SSE-S3 data key does not unwrap", { cause: error });
      }
    }
    if (envelope.algorithm !== "aws:kms") throw new BodyError("ERR_S3_DATA_KEY", "unknown envelope algorithm");
    let opened;
    try {
      opened = await decryptDataKeyFor(kms, asService(who), blob, envelope.context ?? {});
    } catch (error) {
      throw s3ErrorFromKms(error, "kms:Decrypt", who);
    }
    if (opened.plaintext.length !== DATA_KEY_BYTES || (envelope.kmsKeyArn !== undefined && opened.keyArn !== envelope.kmsKeyArn)) {
      opened.plaintext.fill(0);
      throw new BodyError("ERR_S3_DATA_KEY", "the envelope's data key is not the one it names");
    }
    return opened.plaintext;
  }

  return { newEnvelope, dataKeyOf };
}
