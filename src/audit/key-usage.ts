// What an event says of a KMS key's use, for GetKeyLastUsage: the keys of the event's own account
// that a successful cryptographic operation used (AWS's KeyLastUsageTrackingOperation). A call on
// another account's key is recorded in both accounts (cross-account.ts); the key's use is the
// owner's copy, so the CloudTrail event that GetKeyLastUsage names is one the owner can see.
import type { CloudTrailEvent } from "./cloudtrail-event.ts";

const TRACKED = new Set([
  "Decrypt",
  "DeriveSharedSecret",
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
  "GenerateDataKeyWithoutPlaintext",
  "GenerateMac",
  "ReEncrypt",
  "Sign",
  "Verify",
  "VerifyMac",
  "Encapsulate",
  "Decapsulate",
]);

const KEY_ID_AFTER = ":key/";

/** The ids of the keys the event used (ReEncrypt: both), or undefined when it records no use. */
export function usedKeysOf(event: CloudTrailEvent): string[] | undefined {
  if (event.eventSource !== "kms.amazonaws.com" || event.errorCode !== undefined || !TRACKED.has(event.eventName) || !event.resources) return undefined;
  const ids: string[] = [];
  for (const r of event.resources) {
    const at = r.ARN.indexOf(KEY_ID_AFTER);
    if (r.type === "AWS::KMS::Key" && r.accountId === event.recipientAccountId && at >= 0) ids.push(r.ARN.slice(at + KEY_ID_AFTER.length));
  }
  return ids.length > 0 ? ids : undefined;
}
