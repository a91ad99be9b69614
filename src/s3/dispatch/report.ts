// An S3 call as the audit trail records it, in CloudTrail's S3 shape: requestParameters name the
// bucket, the Host and the key, with the subresource ("policy": "", "encryption": "") and the
// server-side encryption the request asked for; responseElements the encryption it got; resources
// the bucket (and the object). Calls on objects and object listings are data events, the rest
// management events, as CloudTrail divides them. Nothing of a body goes in.
import { headerValue, type ApiCallRecord, type AwsError, type HeaderBag, type OperationTrail } from "../../protocol/index.ts";
import type { Caller } from "../../sts/index.ts";
import type { S3Response } from "../context.ts";
import { bucketArn, objectArn } from "../model/arn.ts";
import { SSE, SSE_BUCKET_KEY, SSE_KMS_KEY_ID } from "../model/sse.ts";
import type { S3Progress, S3Request } from "./run.ts";

/** Operations CloudTrail counts as data events besides those on objects. */
const DATA_ON_BUCKETS = new Set(["ListObjects", "ListObjectsV2", "DeleteObjects", "ListMultipartUploads"]);

const SUBRESOURCES = ["policy", "encryption", "location", "uploads", "uploadId", "partNumber", "tagging", "delete", "list-type", "prefix", "delimiter"];

const SSE_HEADERS = [SSE, SSE_KMS_KEY_ID, SSE_BUCKET_KEY];

export interface S3CallFacts {
  request: S3Request;
  progress: S3Progress;
  /** The Host the request was addressed to. */
  host: string;
  userAgent: string;
  response?: S3Response;
  error?: AwsError;
}

function requestParameters(facts: S3CallFacts): Record<string, unknown> {
  const { request } = facts;
  const parameters: Record<string, unknown> = {};
  if (request.bucketName !== undefined) parameters["bucketName"] = request.bucketName;
  parameters["Host"] = facts.host;
  if (request.key !== undefined) parameters["key"] = request.key;
  for (const name of SUBRESOURCES) {
    const value = request.query.get(name);
    if (value !== undefined) parameters[name] = value;
  }
  copyHeaders(request.headers, parameters);
  return parameters;
}

function copyHeaders(headers: HeaderBag, into: Record<string, unknown>): void {
  for (const name of SSE_HEADERS) {
    const value = headerValue(headers, name);
    if (value !== undefined) into[name] = value;
  }
}

function responseElements(response: S3Response | undefined): Record<string, unknown> | null {
  const elements: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(response?.headers ?? {})) {
    if (SSE_HEADERS.includes(name.toLowerCase())) elements[name.toLowerCase()] = String(value);
  }
  return Object.keys(elements).length > 0 ? elements : null;
}

function resources(facts: S3CallFacts): OperationTrail["resources"] {
  const { request, progress } = facts;
  if (request.bucketName === undefined || !progress.bucket) return undefined;
  const accountId = progress.bucket.accountId;
  const bucket = { type: "AWS::S3::Bucket", ARN: bucketArn(request.bucketName), accountId };
  return request.key === undefined ? [bucket] : [{ type: "AWS::S3::Object", ARN: objectArn(request.bucketName, request.key), accountId }, bucket];
}

export function s3CallRecord(facts: S3CallFacts): ApiCallRecord<Caller> {
  const { request, progress, error } = facts;
  const data = request.key !== undefined || DATA_ON_BUCKETS.has(progress.operation);
  const found = resources(facts);
  const trail: OperationTrail = {
    requestParameters: requestParameters(facts),
    responseElements: error ? null : responseElements(facts.response),
    readOnly: request.method === "GET" || request.method === "HEAD",
    ...(found ? { resources: found } : {}),
    ...(data ? { category: "Data" as const } : {}),
  };
  return {
    service: "s3",
    operation: progress.operation,
    caller: request.caller,
    requestId: request.requestId,
    time: request.now,
    region: progress.bucket?.region ?? request.region,
    sourceIp: request.sourceIp,
    userAgent: facts.userAgent,
    secureTransport: request.secureTransport,
    trail,
    ...(error ? { error: { code: error.code, message: error.message, status: error.status } } : {}),
  };
}
