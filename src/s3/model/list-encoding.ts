// encoding-type=url in listings: keys and prefixes percent-encoded (as the AWS CLI always asks, and
// decodes with unquote_plus), "/" left as it is.

export function urlEncodeKey(text: string): string {
  return encodeURIComponent(text).replace(/%2F/g, "/");
}

export function listEncoder(encodingType: string | undefined): (text: string) => string {
  return encodingType === "url" ? urlEncodeKey : (text) => text;
}
