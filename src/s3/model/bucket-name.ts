// S3's general purpose bucket naming rules ("Bucket naming rules"): 3–63 characters of lower-case
// letters, digits, dots and hyphens; a letter or digit first and last; no two dots side by side;
// not an IPv4 address; none of the reserved prefixes and suffixes.
const FORM = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

export function isValidBucketName(name: string): boolean {
  if (!FORM.test(name) || name.includes("..") || IPV4.test(name)) return false;
  if (RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix))) return false;
  return !RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

/** What a request path may name as a bucket at all (older, looser names included), before the bucket is looked up. */
export function isPlausibleBucketName(name: string): boolean {
  return /^[A-Za-z0-9._-]{1,255}$/.test(name);
}
