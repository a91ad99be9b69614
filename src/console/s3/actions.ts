// What the forms of the S3 pages do, each one S3 request as the signed-in caller: create a bucket,
// delete an empty one (typed confirmation), set the default encryption (SSE-S3, or SSE-KMS with a
// key picked or entered as an ARN), save or delete the bucket policy, delete an object. The
// console's own checks come first; everything else is S3's to say, shown next to the form.
import { escapeXml } from "../../protocol/index.ts";
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";
import { callS3, type S3Request } from "../calls/s3-call.ts";
import type { Problem } from "../calls/problem.ts";
import { fieldValues } from "../kms/wizard-state.ts";
import { jsonProblem } from "../kms/key-actions.ts";

export type BucketSection = "objects" | "upload" | "encryption" | "policy" | "deletion";

export interface BucketDrafts {
  policy?: string;
  confirm?: string;
  kmsKeyArn?: string;
}

export type BucketActionResult =
  | { ok: true; done: string; section: BucketSection }
  | { ok: false; section: BucketSection; problem?: Problem; errors?: Partial<Record<string, string>>; drafts?: BucketDrafts };

type BucketAction = (ctx: ConsoleContext, who: SignedIn, bucket: string, body: unknown) => Promise<BucketActionResult>;

/** What a finished action says on the bucket's page (a code in the redirect, never free text). */
export const BUCKET_DONE: Readonly<Record<string, string>> = {
  __proto__: null as unknown as string,
  created: "The bucket was created.",
  uploaded: "The file was uploaded.",
  "object-deleted": "The object was deleted.",
  encryption: "The default encryption was saved.",
  policy: "The bucket policy was saved.",
  "policy-deleted": "The bucket policy was deleted.",
};

export const text = (body: unknown, name: string): string => fieldValues(body, name)[0] ?? "";

const KMS_KEY_ARN = /^arn:aws:kms:[a-z0-9-]+:\d{12}:(key\/[A-Za-z0-9-]{1,128}|alias\/[A-Za-z0-9/_-]{1,256})$/;

export interface KmsChoice {
  /** What S3 is given: a key ARN (or alias ARN, or key ID from the list). */
  keyId?: string;
  error?: string;
}

/**
 * The key of an SSE-KMS choice: one from the list ("key" field), or an ARN typed in ("key-arn",
 * used when "key" is "arn" or the list could not be had). "aws/s3" leaves the key to S3 (its AWS
 * managed key).
 */
export function kmsChoice(body: unknown): KmsChoice {
  const picked = text(body, "key");
  if (picked === "aws/s3") return {};
  if (picked !== "" && picked !== "arn") return { keyId: picked };
  const arn = text(body, "key-arn").trim();
  if (arn === "") return { error: "Choose a KMS key, or enter a key ARN." };
  if (!KMS_KEY_ARN.test(arn)) return { error: "Enter a KMS key ARN: arn:aws:kms:<region>:<account>:key/<key id> (or an alias ARN)." };
  return { keyId: arn };
}

async function run(ctx: ConsoleContext, who: SignedIn, section: BucketSection, request: S3Request, done: string, drafts: BucketDrafts = {}): Promise<BucketActionResult> {
  const outcome = await callS3(ctx, who, request);
  return outcome.ok ? { ok: true, done, section } : { ok: false, section, problem: outcome.problem, drafts };
}

/**
 * Creates a bucket in the console's Region. As AWS's console does, it looks first (HeadBucket):
 * CreateBucket in us-east-1 answers 200 for a bucket one already owns, which would read as "created".
 */
export async function createBucket(ctx: ConsoleContext, who: SignedIn, name: string): Promise<{ ok: true } | { ok: false; problem: Problem }> {
  const existing = await callS3(ctx, who, { method: "HEAD", bucket: name });
  if (existing.ok) {
    return { ok: false, problem: { code: "BucketAlreadyOwnedByYou", status: 409, message: "Your previous request to create the named bucket succeeded and you already own it.", summary: "You already own a bucket of that name." } };
  }
  const body =
    ctx.region === "us-east-1"
      ? undefined
      : `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${escapeXml(ctx.region)}</LocationConstraint></CreateBucketConfiguration>`;
  const outcome = await callS3(ctx, who, { method: "PUT", bucket: name, ...(body ? { body, headers: { "content-length": String(Buffer.byteLength(body)) } } : {}) });
  return outcome.ok ? { ok: true } : outcome;
}

function encryptionDocument(algorithm: "AES256" | "aws:kms", keyId: string | undefined, bucketKey: boolean): string {
  return (
    '<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault>' +
    `<SSEAlgorithm>${algorithm}</SSEAlgorithm>` +
    (keyId ? `<KMSMasterKeyID>${escapeXml(keyId)}</KMSMasterKeyID>` : "") +
    `</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>${bucketKey}</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`
  );
}

const withBody = (body: string): Pick<S3Request, "body" | "headers"> => ({ body, headers: { "content-length": String(Buffer.byteLength(body)) } });

export const BUCKET_ACTIONS: Readonly<Record<string, BucketAction>> = {
  encryption: async (ctx, who, bucket, body) => {
    const type = text(body, "sse");
    if (type === "AES256") return run(ctx, who, "encryption", { method: "PUT", bucket, query: { encryption: "" }, ...withBody(encryptionDocument("AES256", undefined, false)) }, "encryption");
    if (type !== "aws:kms") return { ok: false, section: "encryption", errors: { sse: "Choose SSE-S3 or SSE-KMS." } };
    const key = kmsChoice(body);
    if (key.error) return { ok: false, section: "encryption", errors: { "key-arn": key.error }, drafts: { kmsKeyArn: text(body, "key-arn") } };
    const document = encryptionDocument("aws:kms", key.keyId, text(body, "bucket-key") === "on");
    return run(ctx, who, "encryption", { method: "PUT", bucket, query: { encryption: "" }, ...withBody(document) }, "encryption", { kmsKeyArn: text(body, "key-arn") });
  },
  policy: async (ctx, who, bucket, body) => {
    const policy = text(body, "policy");
    const result = await run(ctx, who, "policy", { method: "PUT", bucket, query: { policy: "" }, ...withBody(policy) }, "policy", { policy });
    if (result.ok) return result;
    const where = jsonProblem(policy);
    return where ? { ...result, errors: { policy: where } } : result;
  },
  "policy/delete": (ctx, who, bucket) => run(ctx, who, "policy", { method: "DELETE", bucket, query: { policy: "" } }, "policy-deleted"),
  "objects/delete": async (ctx, who, bucket, body) => {
    const key = text(body, "key");
    if (key === "") return { ok: false, section: "objects", errors: { objects: "Choose an object to delete." } };
    return run(ctx, who, "objects", { method: "DELETE", bucket, key }, "object-deleted");
  },
};

/** Deletes the bucket once its name is typed; S3 refuses one that is not empty. */
export async function deleteBucket(ctx: ConsoleContext, who: SignedIn, bucket: string, body: unknown): Promise<BucketActionResult> {
  const confirm = text(body, "confirm");
  if (confirm !== bucket) return { ok: false, section: "deletion", errors: { confirm: `Type the bucket's name, ${bucket}, to confirm.` }, drafts: { confirm } };
  return run(ctx, who, "deletion", { method: "DELETE", bucket }, "bucket-deleted", { confirm });
}
