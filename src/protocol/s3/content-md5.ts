// Content-MD5 (RFC 1864): the base64 MD5 of the body. A value that is not 16 bytes of base64 is
// InvalidDigest; a body that does not match it is BadDigest, as S3 answers.
import { AwsError } from "../errors/aws-error.ts";
import { headerValue, type HeaderBag } from "../sigv4/canonical-headers.ts";

export function invalidDigest(): AwsError {
  return new AwsError("InvalidDigest", "The Content-MD5 you specified is not valid.", { status: 400 });
}

export function badDigest(): AwsError {
  return new AwsError("BadDigest", "The Content-MD5 you specified did not match what we received.", { status: 400 });
}

/** The Content-MD5 header as hex, or undefined when absent; InvalidDigest when malformed. */
export function readContentMd5(headers: HeaderBag): string | undefined {
  const value = headerValue(headers, "content-md5");
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!/^[A-Za-z0-9+/]{22}==$/.test(text)) throw invalidDigest();
  return Buffer.from(text, "base64").toString("hex");
}
