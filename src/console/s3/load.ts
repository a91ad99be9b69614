// What the S3 pages show, read as the signed-in caller: the account's buckets; a bucket's objects
// (ListObjectsV2, a page at a time, and HeadObject for each object's encryption), its default
// encryption and its policy; and the KMS keys the upload and encryption forms offer. A read the
// caller may not make is reported in place, not hidden.
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";
import { callS3 } from "../calls/s3-call.ts";
import type { Outcome } from "../calls/kms-call.ts";
import type { Problem } from "../calls/problem.ts";
import { loadKeyList } from "../kms/list.ts";
import { headerOf, readBuckets, readDefaultEncryption, readObjectPage, type BucketEntry, type DefaultEncryption, type ObjectEntry } from "./answers.ts";

/** Objects on one page of a bucket: each costs a HeadObject for its encryption. */
export const OBJECTS_PER_PAGE = 50;

export interface ObjectRow extends ObjectEntry {
  /** "AES256", "aws:kms"; undefined when HeadObject failed (see problem). */
  encryption?: string;
  kmsKeyId?: string;
  problem?: Problem;
}

export interface KeyChoice {
  keyId: string;
  arn: string;
  label: string;
}

export interface BucketDetail {
  name: string;
  objects: Outcome<{ rows: ObjectRow[]; next?: string }>;
  encryption: Outcome<DefaultEncryption | undefined>;
  /** The policy's text; undefined when the bucket has none. */
  policy: Outcome<string | undefined>;
  keys: KeyChoices;
}

export interface KeyChoices {
  choices: KeyChoice[];
  /** ListKeys was refused: the forms ask for a key ARN instead. */
  problem?: Problem;
}

const fail = <T>(problem: Problem): Outcome<T> => ({ ok: false, problem });

export async function loadBuckets(ctx: ConsoleContext, who: SignedIn): Promise<Outcome<BucketEntry[]>> {
  const listed = await callS3(ctx, who, { method: "GET" });
  return listed.ok ? { ok: true, output: readBuckets(listed.output) } : listed;
}

/** The account's enabled symmetric encryption keys, by alias: what SSE-KMS may use. */
export async function loadKeyChoices(ctx: ConsoleContext, who: SignedIn): Promise<KeyChoices> {
  const list = await loadKeyList(ctx, who);
  if (list.listProblem) return { choices: [], problem: list.listProblem };
  const usable = [...list.customer, ...list.aws].filter((k) => k.state === "Enabled" && k.keySpec === "SYMMETRIC_DEFAULT" && k.keyUsage === "ENCRYPT_DECRYPT");
  return { choices: usable.map((k) => ({ keyId: k.keyId, arn: k.arn, label: k.aliases[0] ? `${k.aliases[0]} (${k.keyId})` : k.keyId })) };
}

async function loadObjects(ctx: ConsoleContext, who: SignedIn, bucket: string, token: string | undefined): Promise<BucketDetail["objects"]> {
  const query: Record<string, string> = { "list-type": "2", "max-keys": String(OBJECTS_PER_PAGE), ...(token ? { "continuation-token": token } : {}) };
  const listed = await callS3(ctx, who, { method: "GET", bucket, query });
  if (!listed.ok) return listed;
  const page = readObjectPage(listed.output);
  const rows = await Promise.all(
    page.objects.map(async (o): Promise<ObjectRow> => {
      const head = await callS3(ctx, who, { method: "HEAD", bucket, key: o.key });
      if (!head.ok) return { ...o, problem: head.problem };
      const kmsKeyId = headerOf(head.output, "x-amz-server-side-encryption-aws-kms-key-id");
      return { ...o, encryption: headerOf(head.output, "x-amz-server-side-encryption") ?? "none", ...(kmsKeyId ? { kmsKeyId } : {}) };
    }),
  );
  return { ok: true, output: { rows, ...(page.next ? { next: page.next } : {}) } };
}

async function loadEncryption(ctx: ConsoleContext, who: SignedIn, bucket: string): Promise<BucketDetail["encryption"]> {
  const got = await callS3(ctx, who, { method: "GET", bucket, query: { encryption: "" } });
  if (got.ok) return { ok: true, output: readDefaultEncryption(got.output) };
  return got.problem.code === "ServerSideEncryptionConfigurationNotFoundError" ? { ok: true, output: undefined } : fail(got.problem);
}

async function loadPolicy(ctx: ConsoleContext, who: SignedIn, bucket: string): Promise<BucketDetail["policy"]> {
  const got = await callS3(ctx, who, { method: "GET", bucket, query: { policy: "" } });
  if (got.ok) return { ok: true, output: got.output.body ?? "" };
  return got.problem.code === "NoSuchBucketPolicy" ? { ok: true, output: undefined } : fail(got.problem);
}

export async function loadBucket(ctx: ConsoleContext, who: SignedIn, bucket: string, token?: string): Promise<BucketDetail> {
  const [objects, encryption, policy] = await Promise.all([loadObjects(ctx, who, bucket, token), loadEncryption(ctx, who, bucket), loadPolicy(ctx, who, bucket)]);
  // The key picker's calls (ListKeys, ListAliases, DescribeKey each) only for a bucket that is there.
  const missing = !objects.ok && objects.problem.code === "NoSuchBucket";
  const keys = missing ? { choices: [] } : await loadKeyChoices(ctx, who);
  return { name: bucket, objects, encryption, policy, keys };
}
