// The protocol layer's public face: SigV4 verification, the Query / JSON 1.1 / REST-XML codecs
// and error serialisers, and the AWS API's HTTP dispatch. Services register handlers here; this
// folder knows no service.

// SigV4
export { verifySigV4, type VerifyInternals } from "./sigv4/verify.ts";
export { SigV4Error, isSigV4Error, type SigV4ErrorCode, type SigV4ErrorFacts } from "./sigv4/errors.ts";
export { SigningKeyCache } from "./sigv4/signing-key-cache.ts";
export { createChunkSignatureChain, type ChunkSignatureChain } from "./sigv4/chunk-signature.ts";
export { MAX_SKEW_MS, MAX_PRESIGN_EXPIRES_SECONDS } from "./sigv4/constants.ts";
export { formatAmzDate, parseAmzDate } from "./sigv4/amz-date.ts";
export type {
  SignedRequest,
  CredentialRecord,
  CredentialLookup,
  CredentialScope,
  VerifyOptions,
  VerifiedSignature,
  PayloadSigning,
} from "./sigv4/types.ts";

// Errors
export { AwsError, isAwsError, type AwsErrorOptions } from "./errors/aws-error.ts";
export { sigV4ToAwsError } from "./errors/sigv4-to-aws.ts";
export { toAwsError, internalFailure, type WireError } from "./errors/to-aws-error.ts";
export type { WireProtocol } from "./errors/protocols.ts";

// Query protocol
export { readQueryParameters, isFormContentType } from "./query/parse-form.ts";
export { decodeQueryParams, queryList, queryString, type QueryObject, type QueryValue } from "./query/decode-params.ts";
export { renderQueryResponse, renderQueryError, QUERY_CONTENT_TYPE } from "./query/render.ts";
export { escapeXml, writeElement, writeContent, type XmlValue, type XmlStructure } from "./query/xml-writer.ts";

// AWS JSON 1.1
export { parseJsonBody, renderJsonResponse, renderJsonError, splitTarget, JSON_CONTENT_TYPE, type JsonObject } from "./json/codec.ts";

// REST-XML (S3)
export { renderRestXmlError, REST_XML_CONTENT_TYPE } from "./rest-xml/render-error.ts";

// Routing
export { createServiceRegistry, type ServiceRegistry } from "./routing/registry.ts";
export { createAwsApiHandler, type AwsApiHandler, type AwsApiOptions } from "./routing/handler.ts";
export { isAwsApiRequest } from "./routing/is-aws-api-request.ts";
export type {
  AwsRequestContext,
  QueryHandler,
  JsonHandler,
  QueryOperation,
  JsonOperation,
  QueryServiceDefinition,
  JsonServiceDefinition,
  ServiceDefinition,
  ApiCallRecord,
  OperationTrail,
  TrailFacts,
  TrailWhere,
} from "./routing/types.ts";
export type { OnCall } from "./routing/report-call.ts";

// S3 request bodies: aws-chunked decoding with chunk signatures, checksums, Content-MD5
export { readS3Payload, readSmallS3Payload, type S3Payload, type S3PayloadOptions, type S3PayloadOutcome } from "./s3/payload.ts";
export { decodeAwsChunked, type AwsChunkedBody, type AwsChunkedOptions } from "./s3/aws-chunked.ts";
export {
  CHECKSUM_ALGORITHMS,
  CHECKSUM_BYTES,
  checksumHeader,
  checksumOf,
  createChecksum,
  isChecksumValue,
  parseChecksumAlgorithm,
  type Checksum,
  type ChecksumAlgorithm,
} from "./s3/checksums.ts";
export { readRequestChecksum, checksumMismatch, type RequestChecksum } from "./s3/request-checksum.ts";
export { readContentMd5, badDigest, invalidDigest } from "./s3/content-md5.ts";
export { incompleteBody } from "./s3/byte-reader.ts";
export { headerBag } from "./http/headers.ts";
export { sourceIp, isSecureTransport, splitTarget as splitRequestTarget } from "./http/client-info.ts";
export { decodeQueryComponent, splitRawQuery, type RawPair } from "./sigv4/query-pairs.ts";
export { headerValue, type HeaderBag } from "./sigv4/canonical-headers.ts";
