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
} from "./routing/types.ts";
export type { OnCall } from "./routing/report-call.ts";
