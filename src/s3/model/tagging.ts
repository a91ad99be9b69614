// Object tags: at most 10, keys of 1–128 and values of 0–256 characters, no key twice. They come
// as x-amz-tagging ("k1=v1&k2=v2", URL-encoded) on writes, or as a <Tagging> document.
import { S3Errors } from "../errors.ts";

export type Tags = Record<string, string>;

const MAX_TAGS = 10;

export function checkTags(pairs: ReadonlyArray<readonly [string, string]>): Tags {
  if (pairs.length > MAX_TAGS) throw S3Errors.invalidTag("Object tags cannot be greater than 10");
  const tags: Tags = {};
  for (const [key, value] of pairs) {
    if (key.length === 0 || key.length > 128) throw S3Errors.invalidTag("The TagKey you have provided is invalid");
    if (value.length > 256) throw S3Errors.invalidTag("The TagValue you have provided is invalid");
    if (Object.hasOwn(tags, key)) throw S3Errors.invalidTag("Cannot provide multiple Tags with the same key");
    tags[key] = value;
  }
  return tags;
}

/** x-amz-tagging, when sent. */
export function readTaggingHeader(value: string | undefined): Tags | undefined {
  if (value === undefined) return undefined;
  return checkTags([...new URLSearchParams(value)]);
}
