// Incremental digests for bodies that stream through (S3 payload hashes, checksums, Content-MD5):
// fed chunk by chunk, so a body is never held whole to be hashed.
import { createHash } from "node:crypto";

export type DigestAlgorithm = "md5" | "sha1" | "sha256";

export interface Digest {
  update(data: Uint8Array): void;
  /** The digest's bytes; the digest cannot be fed afterwards. */
  digest(): Buffer;
}

export function createDigest(algorithm: DigestAlgorithm): Digest {
  const h = createHash(algorithm);
  return {
    update: (data) => void h.update(data),
    digest: () => h.digest(),
  };
}
