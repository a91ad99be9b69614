// HMAC (RFC 2104) for KMS GenerateMac and VerifyMac.
import { createHmac, timingSafeEqual } from "node:crypto";
import { asBuffer } from "./bytes.ts";
import { MAC_HASH, type MacAlgorithm } from "./specs.ts";

/** The HMAC of `message` under `key` with the algorithm's hash. */
export function hmacCompute(key: Uint8Array, algorithm: MacAlgorithm, message: Uint8Array): Buffer {
  return createHmac(MAC_HASH[algorithm], key).update(message).digest();
}

/** Whether `mac` is the HMAC of `message`: constant-time comparison; false on length mismatch. */
export function hmacVerify(key: Uint8Array, algorithm: MacAlgorithm, message: Uint8Array, mac: Uint8Array): boolean {
  const expected = hmacCompute(key, algorithm, message);
  return expected.length === mac.length && timingSafeEqual(expected, asBuffer(mac));
}
