// Streams a request's body into a new stored part under an envelope: every check of the payload
// (signature, aws-chunked, length, checksum) runs on the way through, and a body that fails any of
// them leaves nothing behind. Content-MD5 is compared with the plaintext's MD5, which the bodies
// compute for it (and for SSE-S3's ETag).
import { badDigest, incompleteBody, type ChecksumAlgorithm } from "../../../protocol/index.ts";
import type { Envelope, StoredPart } from "../../storage/index.ts";
import type { S3Context } from "../../context.ts";
import { S3Errors } from "../../errors.ts";
import { payloadOf } from "../../http/body.ts";
import { removeParts } from "./stored.ts";

/** The largest object a single PUT (or one part) may carry: 5 GiB. */
export const MAX_SINGLE_UPLOAD = 5 * 1024 ** 3;

export interface WrittenBody {
  part: StoredPart;
  /** The ETag's hex: see WrittenPart. */
  etagHex: string;
  size: number;
  checksum: { algorithm: ChecksumAlgorithm; value: string } | undefined;
}

/** `requireAlgorithm`: a checksum the body gets whether or not the request sends one (multipart parts). */
export async function writeRequestBody(ctx: S3Context, envelope: Envelope, requireAlgorithm?: ChecksumAlgorithm): Promise<WrittenBody> {
  const payload = payloadOf(ctx, { checkContentMd5: false, ...(requireAlgorithm ? { requireAlgorithm } : {}) });
  if (payload.declaredLength === undefined) throw S3Errors.missingContentLength();
  if (payload.declaredLength > MAX_SINGLE_UPLOAD) throw S3Errors.entityTooLarge(payload.declaredLength, MAX_SINGLE_UPLOAD);
  // No abort signal: a client that goes away fails the body's stream, which is enough (and the
  // bodies' abort handling holds on to every chunk until the write ends).
  const written = await ctx.deps.bodies.writePart(envelope, payload.body, ctx.who, undefined, { md5: payload.contentMd5Hex !== undefined });
  const part: StoredPart = { blobId: written.blobId, size: written.size };
  const outcome = payload.outcome;
  if (!outcome || outcome.size !== written.size) {
    await removeParts(ctx, [part]);
    throw incompleteBody();
  }
  if (payload.contentMd5Hex !== undefined && payload.contentMd5Hex !== written.md5Hex) {
    await removeParts(ctx, [part]);
    throw badDigest();
  }
  return { part, etagHex: written.etagHex, size: written.size, checksum: outcome.checksum };
}
