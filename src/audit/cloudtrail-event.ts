// One AWS API call as a CloudTrail event, in the shape AWS documents ("CloudTrail record contents
// for management, data, and network activity events"; "CloudTrail userIdentity element"). The
// caller's fields are picked one by one: a caller record also holds its secret access key, and
// nothing of it but names, ids and ARNs goes into an event. The operation's requestParameters and
// responseElements pass through redactSecrets on the way in.
import { randomUuid } from "../crypto/index.ts";
import type { ApiCallRecord } from "../protocol/index.ts";
import { redactSecrets, type OnRedacted } from "./redact.ts";

/** The current version of CloudTrail's record format (its record contents page); the fields added since 1.09 are optional ones federa has no use for. */
export const CLOUDTRAIL_EVENT_VERSION = "1.11";

/** The caller fields an event reads: STS's Caller (src/sts/caller.ts) has all of them. */
export interface TrailCaller {
  accessKeyId: string;
  accountId: string;
  arn: string;
  /** aws:userid: the account for root, AIDA… for users, AROA…:<session> for role sessions. */
  userId?: string;
  userName?: string;
  principal: { type: string };
  /** Role sessions: the session's claims (STS's SessionClaims). */
  session?: {
    accountId?: string;
    roleArn: string;
    roleId?: string;
    roleName?: string;
    /** Milliseconds since the epoch. */
    issuedAt?: number;
    sourceIdentity?: string;
    federation?: { provider: string };
  };
}

export interface SessionIssuer {
  type: "Role";
  principalId: string;
  arn: string;
  accountId: string;
  userName: string;
}

export interface SessionContext {
  sessionIssuer: SessionIssuer;
  webIdFederationData: Record<string, unknown>;
  attributes: { creationDate: string; mfaAuthenticated: "false" | "true" };
  sourceIdentity?: string;
}

export interface UserIdentity {
  /** Root, IAMUser, AssumedRole; SAMLUser for AssumeRoleWithSAML; Unknown when no one is known. */
  type: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  sessionContext?: SessionContext;
  /** SAMLUser: the assertion's name qualifier. */
  identityProvider?: string;
  /** The AWS service that called on the identity's behalf ("s3.amazonaws.com"). */
  invokedBy?: string;
}

export interface TrailResource {
  ARN: string;
  accountId: string;
  type?: string;
}

export interface CloudTrailEvent {
  eventVersion: string;
  userIdentity: UserIdentity;
  /** UTC, to the second: 2026-11-28T21:00:00Z. */
  eventTime: string;
  /** <service>.amazonaws.com */
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  resources?: TrailResource[];
  eventType: "AwsApiCall";
  managementEvent: boolean;
  recipientAccountId: string;
  /** The ID the events of one call share when it is recorded in more than one account. */
  sharedEventID?: string;
  eventCategory: "Management" | "Data";
  tlsDetails?: { tlsVersion: string; cipherSuite: string; clientProvidedHostHeader: string };
}

export interface CloudTrailEventOptions {
  /** The event's ID; a random UUID unless given (tests). */
  eventId?: string;
  /** Told of each member the redaction took out of requestParameters or responseElements. */
  onRedacted?: OnRedacted;
}

/** CloudTrail's time format: ISO 8601 in UTC, to the second. */
export function cloudTrailTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Operations that only read, when the operation does not say: Get…, List…, Describe…, Decode…. */
const READ_ONLY_NAME = /^(Get|List|Describe|Decode|Lookup|Search)[A-Z]/;

/** User agents are the client's to write; a bound keeps one from filling the trail. */
const MAX_USER_AGENT = 1024;

export function toCloudTrailEvent(call: ApiCallRecord<TrailCaller>, options: CloudTrailEventOptions = {}): CloudTrailEvent {
  const { trail, error } = call;
  const userIdentity = call.caller ? callerIdentity(call.caller, call.time) : unsignedIdentity(trail.userIdentity);
  const resources = trail.resources?.map((r) => ({ accountId: r.accountId, type: r.type, ARN: r.ARN }));
  // In the order CloudTrail writes the fields; assigned one by one (conditional object spreads
  // cost microseconds each in Node 20, and every API call makes an event).
  const event = {
    eventVersion: CLOUDTRAIL_EVENT_VERSION,
    userIdentity,
    eventTime: cloudTrailTime(call.time),
    eventSource: `${call.service}.amazonaws.com`,
    eventName: call.operation,
    awsRegion: call.region,
    sourceIPAddress: call.sourceIp,
    userAgent: call.userAgent.slice(0, MAX_USER_AGENT),
  } as CloudTrailEvent;
  if (call.invokedBy) {
    userIdentity.invokedBy = call.invokedBy;
    event.sourceIPAddress = call.invokedBy;
    event.userAgent = call.invokedBy;
  }
  if (error) {
    event.errorCode = error.code;
    event.errorMessage = error.message;
  }
  event.requestParameters = scrubbed(trail.requestParameters, "requestParameters", options.onRedacted);
  event.responseElements = error ? null : scrubbed(trail.responseElements, "responseElements", options.onRedacted);
  event.requestID = call.requestId;
  event.eventID = options.eventId ?? randomUuid();
  event.readOnly = trail.readOnly ?? READ_ONLY_NAME.test(call.operation);
  // An operation that names no resource says so with an empty list (KMS's ListKeys, GenerateRandom).
  if (resources) event.resources = resources;
  event.eventType = "AwsApiCall";
  event.managementEvent = trail.category !== "Data";
  event.recipientAccountId = call.caller?.accountId ?? userIdentity.accountId ?? resources?.[0]?.accountId ?? "";
  event.eventCategory = trail.category ?? "Management";
  if (call.tls) event.tlsDetails = { tlsVersion: call.tls.tlsVersion, cipherSuite: call.tls.cipherSuite, clientProvidedHostHeader: call.tls.clientProvidedHostHeader };
  return event;
}

function scrubbed(value: Record<string, unknown> | null | undefined, name: string, onRedacted: OnRedacted | undefined): Record<string, unknown> | null {
  if (value === null || value === undefined || typeof value !== "object") return null;
  return redactSecrets(value, onRedacted ? (path, reason) => onRedacted(`${name}.${path}`, reason) : undefined);
}

function callerIdentity(caller: TrailCaller, now: Date): UserIdentity {
  const common = { arn: caller.arn, accountId: caller.accountId, accessKeyId: caller.accessKeyId };
  switch (caller.principal.type) {
    case "root":
      return { type: "Root", principalId: caller.userId ?? caller.accountId, ...common };
    case "user":
      return { type: "IAMUser", principalId: caller.userId ?? "", ...common, userName: caller.userName ?? caller.arn.slice(caller.arn.lastIndexOf("/") + 1) };
    case "assumed-role": {
      const identity: UserIdentity = { type: "AssumedRole", principalId: caller.userId ?? "", arn: caller.arn, accountId: caller.accountId, accessKeyId: caller.accessKeyId };
      if (caller.session) identity.sessionContext = sessionContext(caller, caller.session, now);
      return identity;
    }
    default:
      return { type: "Unknown", principalId: caller.userId ?? "", ...common };
  }
}

/**
 * A role session's context. CloudTrail writes the same for every role session, SAML sessions
 * included: the role that issued it, an empty webIdFederationData (it is filled only for web
 * identity sessions), when the session was made, MFA "false" (SAML says nothing of MFA to
 * CloudTrail), and the source identity when the assertion set one.
 */
function sessionContext(caller: TrailCaller, session: NonNullable<TrailCaller["session"]>, now: Date): SessionContext {
  const roleId = session.roleId ?? caller.userId?.split(":")[0] ?? "";
  const roleName = session.roleName ?? session.roleArn.slice(session.roleArn.lastIndexOf("/") + 1);
  return {
    sessionIssuer: { type: "Role", principalId: roleId, arn: session.roleArn, accountId: session.accountId ?? caller.accountId, userName: roleName },
    webIdFederationData: {},
    attributes: { creationDate: cloudTrailTime(session.issuedAt !== undefined ? new Date(session.issuedAt) : now), mfaAuthenticated: "false" },
    ...(session.sourceIdentity !== undefined ? { sourceIdentity: session.sourceIdentity } : {}),
  };
}

/** Unsigned calls: who the operation says called (a SAMLUser), or Unknown. Strings only. */
function unsignedIdentity(declared: Record<string, unknown> | undefined): UserIdentity {
  if (!declared || typeof declared["type"] !== "string") return { type: "Unknown" };
  const identity: UserIdentity = { type: declared["type"] };
  for (const key of ["principalId", "arn", "accountId", "userName", "identityProvider"] as const) {
    const value = declared[key];
    if (typeof value === "string") identity[key] = value;
  }
  return identity;
}
