// What services declare when they register, and what their handlers receive.
import type { IncomingHttpHeaders } from "node:http";
import type { CredentialRecord, VerifiedSignature } from "../sigv4/types.ts";
import type { QueryObject } from "../query/decode-params.ts";
import type { XmlValue } from "../query/xml-writer.ts";
import type { JsonObject } from "../json/codec.ts";

export interface AwsRequestContext<Caller, Params> {
  service: string;
  operation: string;
  /** The credential lookup's record for signed operations; undefined for unsigned ones. */
  caller: Caller;
  /** Query: the nested parameters (Action and Version apart). JSON: the parsed input object. */
  params: Params;
  /** Query: the parameters as sent, flat ("PolicyArns.member.1.arn" → "arn:…"). Empty for JSON. */
  flatParams: ReadonlyMap<string, string>;
  requestId: string;
  now: Date;
  /** The credential scope's region, or the configured default for unsigned requests. */
  region: string;
  sourceIp: string;
  secureTransport: boolean;
  headers: IncomingHttpHeaders;
  /** The verified signature, for signed operations. */
  signature: VerifiedSignature<CredentialRecord> | undefined;
}

export type Awaitable<T> = T | Promise<T>;

/** Query handlers answer with the content of <{Action}Result> (undefined: no Result element). */
export type QueryHandler<Caller> = (context: AwsRequestContext<Caller, QueryObject>) => Awaitable<XmlValue>;
/** JSON handlers answer with the output object (undefined: {}). */
export type JsonHandler<Caller> = (context: AwsRequestContext<Caller, JsonObject>) => Awaitable<unknown>;

/**
 * What an operation puts into its CloudTrail event (src/audit writes the event). Secrets never go
 * in: no plaintext, password, SAML assertion, secret access key or session token.
 */
export interface OperationTrail {
  /** The request's parameters as CloudTrail shows them (camelCase names); null when absent. */
  requestParameters?: Record<string, unknown> | null;
  /** What the call changed or made, as CloudTrail shows it; null when absent. */
  responseElements?: Record<string, unknown> | null;
  resources?: { ARN: string; accountId: string; type: string }[];
  /** Whether the call only reads; guessed from the operation's name when absent. */
  readOnly?: boolean;
  /** CloudTrail's event category: "Data" for calls on data (S3 objects); management events otherwise. */
  category?: "Data";
  /**
   * Who called, for unsigned operations that learn it from the request (AssumeRoleWithSAML: a
   * SAMLUser with principalId, userName and identityProvider). Ignored for signed calls.
   */
  userIdentity?: Record<string, unknown>;
}

/** Where a call was made: its Region and the caller's account (for facts a failed call must name). */
export interface TrailWhere {
  region: string;
  accountId: string | undefined;
}

/** Declares an operation's trail facts; `output` is the handler's answer, undefined on failure. */
export type TrailFacts<Params> = (params: Params, output: unknown | undefined, where: TrailWhere) => OperationTrail;

export type QueryOperation<C> = ({ unsigned: true; handler: QueryHandler<undefined> } | { unsigned?: false; handler: QueryHandler<C> }) & {
  trail?: TrailFacts<QueryObject>;
};
export type JsonOperation<C> = ({ unsigned: true; handler: JsonHandler<undefined> } | { unsigned?: false; handler: JsonHandler<C> }) & {
  trail?: TrailFacts<JsonObject>;
};

/**
 * One AWS API call that reached its operation (the caller known, or the operation unsigned), as
 * the dispatcher reports it to `onCall` after answering: the audit trail's raw material.
 */
export interface ApiCallRecord<C> {
  service: string;
  operation: string;
  /** The verified caller; undefined for unsigned operations. */
  caller: C | undefined;
  requestId: string;
  /** When the request arrived (the clock's `now` that the handler saw). */
  time: Date;
  region: string;
  sourceIp: string;
  /** The User-Agent header; "" when absent. */
  userAgent: string;
  secureTransport: boolean;
  /** The connection's TLS facts, when it came over TLS. */
  tls?: { tlsVersion: string; cipherSuite: string; clientProvidedHostHeader: string };
  /** The operation's own facts (empty when it declares none, or they could not be had). */
  trail: OperationTrail;
  /** On failure: the error exactly as the client received it. */
  error?: { code: string; message: string; status: number };
  /**
   * The AWS service that made the call on the caller's behalf ("s3.amazonaws.com" for SSE-KMS):
   * CloudTrail's userIdentity.invokedBy, and then also its source address and user agent.
   */
  invokedBy?: string;
}

interface ServiceBase {
  /** The service's name, e.g. "sts", "iam", "kms". */
  service: string;
  /** The service name in the SigV4 credential scope; `service` unless given. */
  signingName?: string;
  /** The regions accepted in the credential scope (IAM: only us-east-1); any configured region otherwise. */
  regions?: readonly string[];
}

export interface QueryServiceDefinition<C> extends ServiceBase {
  protocol: "query";
  /** The API version that requests must name, e.g. "2011-06-15". */
  version: string;
  /** The namespace of answers, e.g. "https://sts.amazonaws.com/doc/2011-06-15/". */
  xmlns: string;
  operations: Readonly<Record<string, QueryOperation<C>>>;
}

export interface JsonServiceDefinition<C> extends ServiceBase {
  protocol: "json";
  /** The X-Amz-Target prefix, e.g. "TrentService". */
  targetPrefix: string;
  operations: Readonly<Record<string, JsonOperation<C>>>;
}

export type ServiceDefinition<C> = QueryServiceDefinition<C> | JsonServiceDefinition<C>;
