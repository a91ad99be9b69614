// The audit trail: AWS API calls as CloudTrail events, kept in the store and in a JSON Lines file.
export {
  toCloudTrailEvent,
  cloudTrailTime,
  CLOUDTRAIL_EVENT_VERSION,
  type CloudTrailEvent,
  type CloudTrailEventOptions,
  type TrailCaller,
  type UserIdentity,
  type SessionContext,
  type SessionIssuer,
  type TrailResource,
} from "./cloudtrail-event.ts";
export { redactSecrets, isSecretName, type OnRedacted, type RedactionReason } from "./redact.ts";
export { createAuditTrail, readTrail, toAuditRow, type AuditTrail, type AuditTrailOptions } from "./trail.ts";
