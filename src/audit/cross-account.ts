// CloudTrail records a KMS call across accounts in both: the caller's account and the account
// that owns the key, as events that share a sharedEventID (each with its own eventID and
// recipientAccountId), so the key's owner sees who used its key. A call refused for want of
// access is recorded in the caller's account only (AWS KMS developer guide, "Logging AWS KMS API
// calls with AWS CloudTrail").
import { randomUuid } from "../crypto/index.ts";
import type { CloudTrailEvent } from "./cloudtrail-event.ts";

const KMS = "kms.amazonaws.com";

/** The event, and one for each other account whose key the call used (none for most calls). */
export function eventsPerAccount(event: CloudTrailEvent, newId: () => string = randomUuid): CloudTrailEvent[] {
  if (event.eventSource !== KMS || event.errorCode === "AccessDeniedException" || !event.resources) return [event];
  // Every audited call passes here: the common one, on the caller's own key, allocates nothing.
  if (event.resources.every((r) => r.accountId === event.recipientAccountId)) return [event];
  const owners = [...new Set(event.resources.map((r) => r.accountId))].filter((account) => account !== event.recipientAccountId);
  const shared = newId();
  const copies = owners.map((owner) => withRecipient(event, owner, newId(), shared));
  return [withRecipient(event, event.recipientAccountId, event.eventID, shared), ...copies];
}

/** The event for `recipient`, sharedEventID written right after recipientAccountId, as CloudTrail orders them. */
function withRecipient(event: CloudTrailEvent, recipient: string, eventId: string, shared: string): CloudTrailEvent {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(event)) {
    out[name] = name === "eventID" ? eventId : name === "recipientAccountId" ? recipient : value;
    if (name === "recipientAccountId") out["sharedEventID"] = shared;
  }
  return out as unknown as CloudTrailEvent;
}
