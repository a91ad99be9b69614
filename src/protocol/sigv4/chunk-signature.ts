// Signatures of S3 aws-chunked bodies (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]): each chunk's
// signature chains from the previous one, starting at the seed (the request's) signature:
//   AWS4-HMAC-SHA256-PAYLOAD \n date \n scope \n previous \n sha256("") \n sha256(chunk)
// and the trailer's: AWS4-HMAC-SHA256-TRAILER \n date \n scope \n previous \n sha256(trailer).
import { safeEqualAscii } from "../../crypto/index.ts";
import { EMPTY_SHA256 } from "./constants.ts";
import type { ChunkChainSeed, CredentialRecord, VerifiedSignature } from "./types.ts";

export interface ChunkSignatureChain {
  /** Verifies the next chunk's signature (given the chunk's hex SHA-256) and advances the chain. */
  nextChunk(chunkSha256Hex: string, signature: string): boolean;
  /** Verifies the trailer's signature (given the hex SHA-256 of the trailing header lines). */
  trailer(trailerSha256Hex: string, signature: string): boolean;
}

export function createChunkSignatureChain(verified: Pick<VerifiedSignature<CredentialRecord>, "chain">): ChunkSignatureChain {
  const seed: ChunkChainSeed = verified.chain;
  let previous = seed.seedSignature;
  const step = (algorithm: string, hashes: string, signature: string): boolean => {
    const expected = seed.signingKey.hex(`${algorithm}\n${seed.amzDate}\n${seed.scope}\n${previous}\n${hashes}`);
    if (!safeEqualAscii(expected, signature)) return false;
    previous = expected;
    return true;
  };
  return {
    nextChunk: (chunkSha256Hex, signature) => step("AWS4-HMAC-SHA256-PAYLOAD", `${EMPTY_SHA256}\n${chunkSha256Hex}`, signature),
    trailer: (trailerSha256Hex, signature) => step("AWS4-HMAC-SHA256-TRAILER", trailerSha256Hex, signature),
  };
}
