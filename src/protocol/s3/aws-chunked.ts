// S3's aws-chunked body encoding (Content-Encoding: aws-chunked; x-amz-content-sha256 STREAMING-*):
//   <hex size>[;chunk-signature=<sig>]\r\n <data> \r\n ... 0[;chunk-signature=<sig>]\r\n
//   [trailing headers "name:value\r\n"..., "x-amz-trailer-signature:<sig>\r\n" when signed] \r\n
// Decoded as it streams: each chunk's bytes pass on as they arrive, and its signature (chained
// from the request's, see ../sigv4/chunk-signature.ts) is checked when the chunk ends, so a body
// whose signature fails is refused before it can be acknowledged. Signed chunks other than the
// last must be at least 8 KiB, as S3 requires.
import { createDigest, type Digest } from "../../crypto/index.ts";
import { AwsError } from "../errors/aws-error.ts";
import { SigV4Error } from "../sigv4/errors.ts";
import { SIGNATURE_MISMATCH_MESSAGE } from "../sigv4/checks/signature.ts";
import type { ChunkSignatureChain } from "../sigv4/chunk-signature.ts";
import { ByteReader, incompleteBody } from "./byte-reader.ts";

export interface AwsChunkedOptions {
  /** Signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]): the chain that checks them. */
  chain: ChunkSignatureChain | undefined;
  /** Whether trailing headers follow the last chunk (the *-TRAILER modes). */
  trailer: boolean;
}

export interface AwsChunkedBody {
  /** The decoded bytes; iterate once. Throws when the framing or a signature is wrong. */
  body: AsyncIterable<Buffer>;
  /** The trailing headers by lower-case name (without the trailer signature), once the body has been read. */
  readonly trailers: ReadonlyMap<string, string>;
}

const MAX_LINE = 4096;
const MAX_TRAILER_BYTES = 16 * 1024;
const MIN_SIGNED_CHUNK = 8192;
const HEX_SIZE = /^[0-9a-fA-F]{1,16}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

function malformed(): AwsError {
  return new AwsError("InvalidRequest", "The aws-chunked body of the request is malformed.", { status: 400 });
}

function signatureMismatch(): SigV4Error {
  return new SigV4Error("SIGV4_SIGNATURE_MISMATCH", SIGNATURE_MISMATCH_MESSAGE);
}

function chunkTooSmall(): AwsError {
  return new AwsError("InvalidChunkSizeError", "Only the last chunk is allowed to have a size less than 8192 bytes", { status: 403 });
}

interface ChunkHeader {
  size: number;
  signature: string | undefined;
}

function parseChunkHeader(line: string, signed: boolean): ChunkHeader {
  const semicolon = line.indexOf(";");
  const sizeText = semicolon === -1 ? line : line.slice(0, semicolon);
  if (!HEX_SIZE.test(sizeText)) throw malformed();
  const size = parseInt(sizeText, 16);
  if (!Number.isSafeInteger(size)) throw malformed();
  let signature: string | undefined;
  if (semicolon !== -1) {
    for (const extension of line.slice(semicolon + 1).split(";")) {
      const eq = extension.indexOf("=");
      if (eq !== -1 && extension.slice(0, eq).trim() === "chunk-signature") signature = extension.slice(eq + 1).trim();
    }
  }
  if (signed && (signature === undefined || !SIGNATURE.test(signature))) throw signatureMismatch();
  return { size, signature };
}

export function decodeAwsChunked(source: AsyncIterable<Uint8Array>, options: AwsChunkedOptions): AwsChunkedBody {
  const trailers = new Map<string, string>();
  const chain = options.chain;

  async function* decode(): AsyncGenerator<Buffer> {
    const reader = new ByteReader(source);
    let previousSize = -1;
    for (;;) {
      const header = parseChunkHeader(await reader.line(MAX_LINE, malformed), chain !== undefined);
      if (chain && previousSize >= 0 && previousSize < MIN_SIGNED_CHUNK && header.size > 0) throw chunkTooSmall();
      previousSize = header.size;
      const digest: Digest | undefined = chain ? createDigest("sha256") : undefined;
      let remaining = header.size;
      while (remaining > 0) {
        const slice = await reader.take(remaining);
        if (!slice) throw incompleteBody();
        remaining -= slice.length;
        digest?.update(slice);
        yield slice;
      }
      if (chain && !chain.nextChunk(digest!.digest().toString("hex"), header.signature!)) throw signatureMismatch();
      if (header.size === 0) break;
      if ((await reader.line(0, malformed)) !== "") throw malformed();
    }
    if (options.trailer) await readTrailers(reader);
    else if ((await reader.line(0, malformed)) !== "") throw malformed();
    if (!(await reader.atEnd())) throw malformed();
  }

  async function readTrailers(reader: ByteReader): Promise<void> {
    let canonical = "";
    let signature: string | undefined;
    let total = 0;
    for (;;) {
      const line = await reader.line(MAX_LINE, malformed);
      if (line === "") break;
      total += line.length;
      if (total > MAX_TRAILER_BYTES) throw malformed();
      const colon = line.indexOf(":");
      if (colon <= 0) throw malformed();
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === "x-amz-trailer-signature") {
        signature = value;
        continue;
      }
      trailers.set(name, value);
      canonical += `${name}:${value}\n`;
    }
    if (chain) {
      if (signature === undefined || !SIGNATURE.test(signature)) throw signatureMismatch();
      const digest = createDigest("sha256");
      digest.update(Buffer.from(canonical, "utf8"));
      if (!chain.trailer(digest.digest().toString("hex"), signature)) throw signatureMismatch();
    }
  }

  return { body: decode(), trailers };
}
