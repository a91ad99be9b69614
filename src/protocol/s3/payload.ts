// An S3 request body as it streams in, checked on the way through against everything the request
// promised about it: the signed payload hash (x-amz-content-sha256), the aws-chunked framing and
// chunk signatures, the decoded length, a checksum header or trailer, and Content-MD5. The bytes
// pass on as they arrive; a broken promise fails the iteration (at the latest at its end), so a
// consumer that commits only after reading to the end never keeps a body that was not what the
// client sent.
import { createDigest, type Digest } from "../../crypto/index.ts";
import { AwsError } from "../errors/aws-error.ts";
import { SigV4Error } from "../sigv4/errors.ts";
import { headerValue, type HeaderBag } from "../sigv4/canonical-headers.ts";
import { createChunkSignatureChain } from "../sigv4/chunk-signature.ts";
import type { CredentialRecord, VerifiedSignature } from "../sigv4/types.ts";
import { decodeAwsChunked } from "./aws-chunked.ts";
import { incompleteBody } from "./byte-reader.ts";
import { createChecksum, isChecksumValue, type Checksum, type ChecksumAlgorithm } from "./checksums.ts";
import { badDigest, readContentMd5 } from "./content-md5.ts";
import { checksumMismatch, invalidChecksumValue, readRequestChecksum, type RequestChecksum } from "./request-checksum.ts";

export interface S3PayloadOptions {
  /**
   * How the signature covers the body; `chain` (the seed of chunk signatures) is needed only for
   * signed aws-chunked bodies. In-process callers (the console) pass { payload: { kind: "unsigned" } }.
   */
  verified: Pick<VerifiedSignature<CredentialRecord>, "payload"> & Partial<Pick<VerifiedSignature<CredentialRecord>, "chain">>;
  headers: HeaderBag;
  /** Check Content-MD5 on the way through; false when the consumer compares the MD5 it computes anyway. */
  checkContentMd5?: boolean;
  /**
   * A checksum the body must have whether or not the request sends one (a multipart upload's
   * algorithm): computed on the way through, and the request's own checksum must be of this algorithm.
   */
  requireAlgorithm?: ChecksumAlgorithm;
}

export interface S3PayloadOutcome {
  /** Decoded bytes read. */
  size: number;
  /** The checksum the request promised, verified (or, with `requireAlgorithm`, computed). */
  checksum: { algorithm: ChecksumAlgorithm; value: string } | undefined;
}

export interface S3Payload {
  /** The decoded body; iterate once. */
  body: AsyncIterable<Buffer>;
  /** The decoded length the request declares: Content-Length, or x-amz-decoded-content-length for aws-chunked bodies. */
  declaredLength: number | undefined;
  /** The checksum the request promises (header or trailer). */
  checksum: RequestChecksum | undefined;
  /** Content-MD5 as hex, when sent. */
  contentMd5Hex: string | undefined;
  /** Set once the body has been read through and every check held. */
  readonly outcome: S3PayloadOutcome | undefined;
}

function lengthHeader(headers: HeaderBag, name: string): number | undefined {
  const text = headerValue(headers, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,16}$/.test(text.trim())) throw new AwsError("InvalidArgument", `The ${name} header is not a valid length.`, { status: 400 });
  return Number(text.trim());
}

function chainOf(verified: S3PayloadOptions["verified"]): Pick<VerifiedSignature<CredentialRecord>, "chain"> {
  if (!verified.chain) throw new TypeError("signed aws-chunked bodies need the seed signature's chain");
  return { chain: verified.chain };
}

/** Reads what the request's headers promise about its body; throws at once for malformed promises. */
export function readS3Payload(source: AsyncIterable<Uint8Array>, options: S3PayloadOptions): S3Payload {
  const { verified, headers } = options;
  const mode = verified.payload;
  const checksum = readRequestChecksum(headers);
  if (checksum?.trailer && (mode.kind !== "streaming" || !mode.trailer)) {
    throw new AwsError("InvalidRequest", "The x-amz-trailer header is only accepted with a STREAMING-*-TRAILER x-amz-content-sha256.", { status: 400 });
  }
  if (checksum && options.requireAlgorithm && checksum.algorithm !== options.requireAlgorithm) {
    throw new AwsError(
      "InvalidRequest",
      `Checksum Type mismatch occurred, expected checksum Type: ${options.requireAlgorithm.toLowerCase()}, actual checksum Type: ${checksum.algorithm.toLowerCase()}`,
      { status: 400 },
    );
  }
  const contentMd5Hex = readContentMd5(headers);
  const streaming = mode.kind === "streaming";
  const declaredLength = streaming ? lengthHeader(headers, "x-amz-decoded-content-length") : lengthHeader(headers, "content-length");
  const chunked = streaming
    ? decodeAwsChunked(source, { chain: mode.signedChunks ? createChunkSignatureChain(chainOf(verified)) : undefined, trailer: mode.trailer })
    : undefined;
  const payloadDigest: Digest | undefined = mode.kind === "signed" && !mode.verified ? createDigest("sha256") : undefined;
  const md5: Digest | undefined = options.checkContentMd5 !== false && contentMd5Hex !== undefined ? createDigest("md5") : undefined;
  const sumAlgorithm = checksum?.algorithm ?? options.requireAlgorithm;
  const sum: Checksum | undefined = sumAlgorithm ? createChecksum(sumAlgorithm) : undefined;

  const payload: S3Payload = { body: check(), declaredLength, checksum, contentMd5Hex, outcome: undefined };

  async function* check(): AsyncGenerator<Buffer> {
    let size = 0;
    for await (const raw of chunked ? chunked.body : source) {
      const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      size += chunk.length;
      if (declaredLength !== undefined && size > declaredLength) throw incompleteBody();
      payloadDigest?.update(chunk);
      md5?.update(chunk);
      sum?.update(chunk);
      yield chunk;
    }
    if (declaredLength !== undefined && size !== declaredLength) throw incompleteBody();
    if (payloadDigest && mode.kind === "signed" && payloadDigest.digest().toString("hex") !== mode.sha256Hex) {
      throw new SigV4Error("SIGV4_PAYLOAD_HASH_MISMATCH", "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    let verifiedChecksum: S3PayloadOutcome["checksum"];
    if (checksum && sum) {
      const expected = checksum.trailer ? chunked?.trailers.get(`x-amz-checksum-${checksum.algorithm.toLowerCase()}`) : checksum.value;
      if (expected === undefined) throw new AwsError("InvalidRequest", "The trailing checksum that x-amz-trailer announced was not sent.", { status: 400 });
      if (!isChecksumValue(checksum.algorithm, expected)) throw invalidChecksumValue(checksum.algorithm);
      const actual = await sum.digestBase64();
      if (actual !== expected) throw checksumMismatch(checksum.algorithm);
      verifiedChecksum = { algorithm: checksum.algorithm, value: actual };
    } else if (sum && sumAlgorithm) {
      verifiedChecksum = { algorithm: sumAlgorithm, value: await sum.digestBase64() };
    }
    if (md5 && md5.digest().toString("hex") !== contentMd5Hex) throw badDigest();
    (payload as { outcome: S3PayloadOutcome }).outcome = { size, checksum: verifiedChecksum };
  }

  return payload;
}

/** Reads a small body (configuration XML, a policy) whole, within `limit` bytes, through the same checks. */
export async function readSmallS3Payload(payload: S3Payload, limit: number, tooLarge: () => Error): Promise<Buffer> {
  if (payload.declaredLength !== undefined && payload.declaredLength > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload.body) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}
