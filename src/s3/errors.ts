// S3's errors, in AWS's codes, statuses and words. An S3Error may carry the extra elements S3 puts
// in its XML error body (BucketName, Key, ArgumentName…) and extra response headers. Messages are
// written here once; operations pick them by name.
import { AwsError } from "../protocol/index.ts";

export class S3Error extends AwsError {
  /** Extra elements of the XML error body, in order (e.g. BucketName, Key, Condition). */
  readonly fields: ReadonlyArray<readonly [string, string]>;
  /** Extra response headers (x-amz-bucket-region…). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: string, message: string, status: number, fields: ReadonlyArray<readonly [string, string]> = [], headers: Readonly<Record<string, string>> = {}) {
    super(code, message, { status });
    this.fields = fields;
    this.headers = headers;
  }
}

export function isS3Error(value: unknown): value is S3Error {
  return value instanceof S3Error;
}

export const S3Errors = {
  /** "Access Denied", or the reason S3 gives requesters of the bucket owner's account. */
  accessDenied: (message = "Access Denied") => new S3Error("AccessDenied", message, 403),
  noSuchBucket: (bucket: string) => new S3Error("NoSuchBucket", "The specified bucket does not exist", 404, [["BucketName", bucket]]),
  noSuchKey: (key: string) => new S3Error("NoSuchKey", "The specified key does not exist.", 404, [["Key", key]]),
  noSuchUpload: (uploadId: string) =>
    new S3Error("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", 404, [["UploadId", uploadId]]),
  noSuchBucketPolicy: (bucket: string) => new S3Error("NoSuchBucketPolicy", "The bucket policy does not exist", 404, [["BucketName", bucket]]),
  bucketNotEmpty: (bucket: string) => new S3Error("BucketNotEmpty", "The bucket you tried to delete is not empty", 409, [["BucketName", bucket]]),
  bucketAlreadyExists: (bucket: string) =>
    new S3Error(
      "BucketAlreadyExists",
      "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
      409,
      [["BucketName", bucket]],
    ),
  bucketAlreadyOwnedByYou: (bucket: string) => new S3Error("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", 409, [["BucketName", bucket]]),
  invalidBucketName: (bucket: string) => new S3Error("InvalidBucketName", "The specified bucket is not valid.", 400, [["BucketName", bucket]]),
  invalidArgument: (message: string, name?: string, value?: string) =>
    new S3Error("InvalidArgument", message, 400, [...(name !== undefined ? [["ArgumentName", name] as const] : []), ...(value !== undefined ? [["ArgumentValue", value] as const] : [])]),
  invalidRequest: (message: string) => new S3Error("InvalidRequest", message, 400),
  malformedXml: () => new S3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400),
  malformedPolicy: (message: string) => new S3Error("MalformedPolicy", message, 400),
  methodNotAllowed: (method: string, resourceType: string) =>
    new S3Error("MethodNotAllowed", "The specified method is not allowed against this resource.", 405, [["Method", method], ["ResourceType", resourceType]]),
  notImplemented: (what: string) => new S3Error("NotImplemented", `A header or query you provided implies functionality that is not implemented: ${what}`, 501),
  missingContentLength: () => new S3Error("MissingContentLength", "You must provide the Content-Length HTTP header.", 411),
  entityTooLarge: (size: number, max: number) =>
    new S3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", 400, [["ProposedSize", String(size)], ["MaxSizeAllowed", String(max)]]),
  entityTooSmall: (size: number, min: number) =>
    new S3Error("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size", 400, [["ProposedSize", String(size)], ["MinSizeAllowed", String(min)]]),
  keyTooLong: (size: number) => new S3Error("KeyTooLongError", "Your key is too long", 400, [["Size", String(size)], ["MaxSizeAllowed", "1024"]]),
  metadataTooLarge: (size: number) => new S3Error("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size.", 400, [["Size", String(size)], ["MaxSizeAllowed", "2048"]]),
  invalidPart: (partNumber: number, etag: string, uploadId: string) =>
    new S3Error(
      "InvalidPart",
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      400,
      [["UploadId", uploadId], ["PartNumber", String(partNumber)], ["ETag", etag]],
    ),
  invalidPartOrder: (uploadId: string) => new S3Error("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.", 400, [["UploadId", uploadId]]),
  invalidRange: (range: string, size: number) =>
    new S3Error("InvalidRange", "The requested range is not satisfiable", 416, [["RangeRequested", range], ["ActualObjectSize", String(size)]], { "Content-Range": `bytes */${size}` }),
  preconditionFailed: (condition: string) => new S3Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412, [["Condition", condition]]),
  invalidLocationConstraint: (constraint: string) => new S3Error("InvalidLocationConstraint", "The specified location-constraint is not valid", 400, [["LocationConstraint", constraint]]),
  illegalLocationConstraint: (constraint: string) =>
    new S3Error("IllegalLocationConstraintException", `The ${constraint === "" ? "unspecified" : constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400),
  wrongRegion: (actual: string, expected: string, presigned: boolean) =>
    new S3Error(
      presigned ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed",
      `${presigned ? "Error parsing the X-Amz-Credential parameter;" : "The authorization header is malformed;"} the region '${actual}' is wrong; expecting '${expected}'`,
      400,
      [["Region", expected]],
      { "x-amz-bucket-region": expected },
    ),
  requestTooLarge: (limit: number) => new S3Error("MaxMessageLengthExceeded", `Your request was too big. The limit is ${limit} bytes.`, 400),
  invalidStorageClass: (value: string) => new S3Error("InvalidStorageClass", "The storage class you specified is not valid", 400, [["StorageClassRequested", value]]),
  invalidTag: (message: string) => new S3Error("InvalidTag", message, 400),
  aclNotSupported: () => new S3Error("AccessControlListNotSupported", "The bucket does not allow ACLs", 400),
  invalidBucketAcl: () => new S3Error("InvalidBucketAclWithObjectOwnership", "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400),
} as const;
