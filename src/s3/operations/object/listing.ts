// The walk behind ListObjects and ListObjectsV2: keys under a prefix in byte order after a marker,
// those that contain the delimiter after the prefix rolled up into common prefixes, at most
// max-keys entries (keys and prefixes together). The store is read in batches; a rolled-up prefix
// is skipped in one step by resuming after the greatest key it can have.
import type { S3ObjectSummary } from "../../../store/index.ts";
import type { BucketContext } from "../../context.ts";

/** After every key that starts with a prefix: U+10FFFF is the greatest code point (F4 8F BF BF in UTF-8). */
const AFTER_ALL = "\u{10FFFF}";
const BATCH = 1000;

export interface ListingRequest {
  prefix: string;
  delimiter: string | undefined;
  /** Only entries after this (byte order). */
  after: string;
  maxKeys: number;
}

export interface Listing {
  contents: S3ObjectSummary[];
  commonPrefixes: string[];
  truncated: boolean;
  /** Where the next page starts (after this), when truncated. */
  resumeAfter: string | undefined;
  /** The last key or prefix returned (ListObjects' NextMarker). */
  last: string | undefined;
}

export async function listEntries(ctx: BucketContext, request: ListingRequest): Promise<Listing> {
  const { prefix, delimiter, maxKeys } = request;
  const contents: S3ObjectSummary[] = [];
  const commonPrefixes: string[] = [];
  let cursor = request.after;
  let resume = request.after;
  // A marker that is itself a common prefix (ListObjects' NextMarker): its keys were reported.
  let skip: string | undefined = delimiter ? request.after : undefined;
  let last: string | undefined;
  let count = 0;
  const truncated = (): Listing => ({ contents, commonPrefixes, truncated: true, resumeAfter: resume, last });
  for (;;) {
    const batch = await ctx.deps.repo.listObjects(ctx.bucketName, prefix, cursor, BATCH);
    for (const row of batch) {
      cursor = row.key;
      const index = delimiter ? row.key.indexOf(delimiter, prefix.length) : -1;
      if (index !== -1) {
        const commonPrefix = row.key.slice(0, index + delimiter!.length);
        if (commonPrefix === skip) continue;
        if (count === maxKeys) return truncated();
        count++;
        commonPrefixes.push(commonPrefix);
        last = commonPrefix;
        skip = commonPrefix;
        resume = commonPrefix + AFTER_ALL;
        continue;
      }
      if (count === maxKeys) return truncated();
      count++;
      contents.push(row);
      last = row.key;
      resume = row.key;
    }
    if (batch.length < BATCH) return { contents, commonPrefixes, truncated: false, resumeAfter: undefined, last };
    // Still inside a rolled-up prefix: jump past all of its keys.
    if (skip !== undefined && skip !== "" && cursor.startsWith(skip)) cursor = skip + AFTER_ALL;
  }
}
