// What GenerateMac and VerifyMac share: the MacAlgorithm enum (listed in the order AWS's
// validation message lists it) and the checks of the key: an HMAC key (GENERATE_VERIFY_MAC usage)
// whose key spec offers the algorithm (HMAC_256 keys take HMAC_SHA_256 only).
import type { JsonObject } from "../../protocol/index.ts";
import type { MacAlgorithm } from "../../crypto/index.ts";
import { optionalEnum } from "../api/params.ts";
import { macAlgorithms } from "../model/algorithms.ts";
import type { KmsKey } from "../model/types.ts";
import { requireAlgorithm, requireKeyUsage } from "./key-usage.ts";

const MAC_ALGORITHMS = ["HMAC_SHA_384", "HMAC_SHA_256", "HMAC_SHA_224", "HMAC_SHA_512"] as const satisfies readonly MacAlgorithm[];

export function readMacAlgorithm(params: JsonObject): MacAlgorithm {
  return optionalEnum(params, "MacAlgorithm", MAC_ALGORITHMS, true)!;
}

export function checkMacKey(key: KmsKey, algorithm: MacAlgorithm, operation: "GenerateMac" | "VerifyMac"): void {
  requireKeyUsage(key, "GENERATE_VERIFY_MAC", operation);
  requireAlgorithm(key, algorithm, macAlgorithms(key.keySpec, key.keyUsage));
}
