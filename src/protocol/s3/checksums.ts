// The checksums S3 accepts beside a body (x-amz-checksum-<algorithm>, as a header or an aws-chunked
// trailer): CRC32, CRC32C and CRC64NVME (the AWS SDK's own implementations; CRC32 by node's zlib
// when it has it, which is the same function ~80 times faster), SHA-1 and SHA-256. Values travel
// base64-encoded, big-endian for the CRCs.
import * as zlib from "node:zlib";
import { Crc32 } from "@aws-crypto/crc32";
import { Crc32c } from "@aws-crypto/crc32c";
import { Crc64Nvme } from "@aws-sdk/crc64-nvme";
import { createDigest } from "../../crypto/index.ts";

export const CHECKSUM_ALGORITHMS = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** The digest length of each algorithm, in bytes. */
export const CHECKSUM_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = { CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32 };

/** "CRC32" → "x-amz-checksum-crc32". */
export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** "x-amz-checksum-crc32" (any case) → "CRC32"; undefined for other names. */
export function checksumAlgorithmOfHeader(name: string): ChecksumAlgorithm | undefined {
  const lower = name.toLowerCase();
  if (!lower.startsWith("x-amz-checksum-")) return undefined;
  return parseChecksumAlgorithm(lower.slice("x-amz-checksum-".length));
}

/** An algorithm's name in any case ("crc32", "CRC32"); undefined when S3 knows no such one. */
export function parseChecksumAlgorithm(text: string): ChecksumAlgorithm | undefined {
  const upper = text.toUpperCase();
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(upper) ? (upper as ChecksumAlgorithm) : undefined;
}

export interface Checksum {
  update(data: Uint8Array): void;
  /** The checksum, base64 as S3 writes it. */
  digestBase64(): Promise<string>;
}

const nodeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

function uint32Base64(value: number): string {
  const bytes = Buffer.allocUnsafe(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes.toString("base64");
}

export function createChecksum(algorithm: ChecksumAlgorithm): Checksum {
  switch (algorithm) {
    case "CRC32": {
      if (nodeCrc32) {
        let value = 0;
        return { update: (data) => void (value = nodeCrc32(data, value)), digestBase64: async () => uint32Base64(value) };
      }
      const crc = new Crc32();
      return { update: (data) => void crc.update(data), digestBase64: async () => uint32Base64(crc.digest()) };
    }
    case "CRC32C": {
      const crc = new Crc32c();
      return { update: (data) => void crc.update(data), digestBase64: async () => uint32Base64(crc.digest()) };
    }
    case "CRC64NVME": {
      const crc = new Crc64Nvme();
      return { update: (data) => crc.update(data), digestBase64: async () => Buffer.from(await crc.digest()).toString("base64") };
    }
    case "SHA1":
    case "SHA256": {
      const digest = createDigest(algorithm === "SHA1" ? "sha1" : "sha256");
      return { update: (data) => digest.update(data), digestBase64: async () => digest.digest().toString("base64") };
    }
  }
}

/** The checksum of bytes held in memory. */
export async function checksumOf(algorithm: ChecksumAlgorithm, data: Uint8Array): Promise<string> {
  const checksum = createChecksum(algorithm);
  checksum.update(data);
  return checksum.digestBase64();
}

/** Whether a base64 value has the algorithm's length (what S3 checks before comparing). */
export function isChecksumValue(algorithm: ChecksumAlgorithm, value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  return Buffer.from(value, "base64").length === CHECKSUM_BYTES[algorithm];
}
