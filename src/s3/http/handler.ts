// S3's HTTP entry, streaming and without Express: find what the request addresses (path style or
// <bucket>.localhost), verify its SigV4 signature from the headers alone (the body is checked as
// it streams, see src/protocol's readS3Payload), resolve the operation, load the bucket it needs
// (NoSuchBucket; a bucket of another region is AuthorizationHeaderMalformed, as S3 answers), run
// it, and answer. Every failure goes out through one place: AwsErrors and SigV4 refusals as S3
// spells them, anything else as InternalError, logged by name only.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomBase64Url, randomHex } from "../../crypto/index.ts";
import {
  decodeQueryComponent,
  headerBag,
  headerValue,
  isSecureTransport,
  sourceIp,
  splitRawQuery,
  splitRequestTarget,
  toAwsError,
  verifySigV4,
  type HeaderBag,
  type VerifiedSignature,
} from "../../protocol/index.ts";
import type { S3BucketRow } from "../../store/index.ts";
import type { Caller } from "../../sts/index.ts";
import type { S3Context, S3Deps } from "../context.ts";
import { S3Errors } from "../errors.ts";
import { isPlausibleBucketName } from "../model/bucket-name.ts";
import { resolveOperation } from "../operations/table.ts";
import { BodyLeases } from "../operations/object/leases.ts";
import { readAddress } from "./address.ts";
import { sendError, sendResponse, type Answering } from "./respond.ts";

export type S3Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Query parameters decoded (form semantics: "+" is a space); the first value of a repeated name. */
function decodeQuery(rawQuery: string): Map<string, string> {
  const query = new Map<string, string>();
  for (const pair of splitRawQuery(rawQuery)) {
    const name = decodeQueryComponent(pair.name, true);
    if (!query.has(name)) query.set(name, decodeQueryComponent(pair.value, true));
  }
  return query;
}

/**
 * The bucket an operation works in: NoSuchBucket when there is none; a request signed for another
 * region than the bucket's is AuthorizationHeaderMalformed (GetBucketLocation excepted: it is how
 * clients find the region); x-amz-expected-bucket-owner naming another account is AccessDenied.
 */
async function existingBucket(deps: S3Deps, name: string, operation: string, signature: VerifiedSignature<Caller>, headers: HeaderBag): Promise<S3BucketRow> {
  const bucket = await deps.repo.getBucket(name);
  if (!bucket) throw S3Errors.noSuchBucket(name);
  if (bucket.region !== signature.scope.region && operation !== "GetBucketLocation") throw S3Errors.wrongRegion(signature.scope.region, bucket.region, signature.presigned);
  const expectedOwner = headerValue(headers, "x-amz-expected-bucket-owner");
  if (expectedOwner !== undefined && expectedOwner !== bucket.accountId) throw S3Errors.accessDenied();
  return bucket;
}

export function createS3Handler(deps: S3Deps): S3Handler {
  const leases = new BodyLeases((parts) => deps.bodies.remove(parts));
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomHex(8).toUpperCase();
    const answering: Answering = { requestId, hostId: randomBase64Url(48), head: req.method === "HEAD", resource: "/" };
    const controller = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    let operationName = "";
    try {
      const now = deps.clock.now();
      const method = req.method ?? "GET";
      const { rawPath, rawQuery } = splitRequestTarget(req.url);
      const headers = headerBag(req);
      const address = readAddress(headerValue(headers, "host"), rawPath);
      answering.resource = `/${address.bucket ?? ""}${address.key !== undefined ? `/${address.key}` : ""}`;
      const signature = await verifySigV4({ method, rawPath, rawQuery, headers }, deps.lookup, {
        now,
        s3: true,
        expectedService: "s3",
        ...(deps.keyCache ? { keyCache: deps.keyCache } : {}),
      });
      if (address.bucket !== undefined && !isPlausibleBucketName(address.bucket)) throw S3Errors.invalidBucketName(address.bucket);
      const query = decodeQuery(rawQuery);
      const operation = resolveOperation(method, address.bucket, address.key, query, headers);
      operationName = operation.name;
      const bucket = operation.scope === "bucket" || operation.scope === "object" ? await existingBucket(deps, address.bucket!, operation.name, signature, headers) : undefined;
      const caller = signature.credential;
      const ip = sourceIp(req);
      const secure = isSecureTransport(req);
      const ctx: S3Context = {
        deps,
        req,
        requestId,
        hostId: answering.hostId,
        now,
        method,
        headers,
        query,
        bucketName: address.bucket,
        key: address.key,
        caller,
        signature,
        region: signature.scope.region,
        sourceIp: ip,
        secureTransport: secure,
        bucket,
        who: { caller, region: bucket?.region ?? signature.scope.region, sourceIp: ip, secureTransport: secure, now, requestId },
        signal: controller.signal,
        leases,
      };
      // The scope was checked above: "bucket" and "object" operations get a context with their bucket (and key).
      const response = await operation.run(ctx as never);
      await sendResponse(res, response, answering);
    } catch (thrown) {
      const { error, internal } = toAwsError(thrown, "rest-xml");
      if (internal && !controller.signal.aborted) {
        const failure = thrown as { name?: unknown; code?: unknown } | undefined;
        deps.logger.error({ event: "s3.unhandled_error", requestId, operation: operationName, errorName: failure?.name, errorCode: failure?.code }, "unexpected failure in an S3 operation");
      }
      if (!req.complete && !req.destroyed) {
        // Refused before its body was read through: read the rest away (so that the client, still
        // sending, is not reset before it reads the answer) and close the connection afterwards.
        answering.close = true;
        req.resume();
      }
      sendError(res, error, answering);
    }
  }

  return (req, res) => {
    serve(req, res).catch(() => res.destroy());
  };
}
