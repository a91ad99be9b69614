// Which checksum a request promises for its body, from its headers: one x-amz-checksum-<algorithm>
// header with the value, or x-amz-trailer naming the header that will follow an aws-chunked body.
// x-amz-sdk-checksum-algorithm, when sent, must agree. Refusals are S3's (InvalidRequest).
import { AwsError } from "../errors/aws-error.ts";
import { headerValue, type HeaderBag } from "../sigv4/canonical-headers.ts";
import { CHECKSUM_ALGORITHMS, checksumAlgorithmOfHeader, checksumHeader, isChecksumValue, parseChecksumAlgorithm, type ChecksumAlgorithm } from "./checksums.ts";

export interface RequestChecksum {
  algorithm: ChecksumAlgorithm;
  /** The promised value (base64) when it came as a header; undefined when it comes as a trailer. */
  value: string | undefined;
  /** Whether the value comes in the aws-chunked trailer. */
  trailer: boolean;
}

const invalidRequest = (message: string) => new AwsError("InvalidRequest", message, { status: 400 });

export function invalidChecksumValue(algorithm: ChecksumAlgorithm): AwsError {
  return invalidRequest(`Value for ${checksumHeader(algorithm)} header is invalid.`);
}

export function checksumMismatch(algorithm: ChecksumAlgorithm): AwsError {
  return new AwsError("BadDigest", `The ${algorithm} you specified did not match the calculated checksum.`, { status: 400 });
}

/** The checksum the request promises, or undefined; throws InvalidRequest for contradictory or malformed headers. */
export function readRequestChecksum(headers: HeaderBag): RequestChecksum | undefined {
  let found: RequestChecksum | undefined;
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const value = headerValue(headers, checksumHeader(algorithm));
    if (value === undefined) continue;
    if (found) throw invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
    if (!isChecksumValue(algorithm, value.trim())) throw invalidChecksumValue(algorithm);
    found = { algorithm, value: value.trim(), trailer: false };
  }
  const trailerNames = headerValue(headers, "x-amz-trailer");
  if (trailerNames !== undefined) {
    for (const name of trailerNames.split(",").map((n) => n.trim()).filter((n) => n !== "")) {
      const algorithm = checksumAlgorithmOfHeader(name);
      if (!algorithm) throw invalidRequest(`The value specified in the x-amz-trailer header is not supported`);
      if (found) throw invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
      found = { algorithm, value: undefined, trailer: true };
    }
  }
  const sdkAlgorithm = headerValue(headers, "x-amz-sdk-checksum-algorithm");
  if (sdkAlgorithm !== undefined) {
    const named = parseChecksumAlgorithm(sdkAlgorithm.trim());
    if (!named || (found && found.algorithm !== named)) throw invalidRequest("Value for x-amz-sdk-checksum-algorithm header is invalid.");
    if (!found) throw invalidRequest("x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
  }
  return found;
}
