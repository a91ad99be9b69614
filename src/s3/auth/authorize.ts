// Every S3 request is authorized as AWS does it: the caller's identity policies (and session
// policies) together with the bucket's policy, "either" mode within the bucket owner's account (an
// allow in either suffices, an explicit deny in either wins), both needed across accounts. The
// root user of the bucket's owner may always read, put and delete the bucket's policy, whatever it
// says (so a policy cannot lock the owner out). A refusal is S3's AccessDenied: within the bucket
// owner's account with the reason, as S3 has written it since 2024 ("User: <arn> is not authorized
// to perform: s3:PutObject on resource: "arn:aws:s3:::b/k" with an explicit deny in a
// resource-based policy"); across accounts only "Access Denied".
import { denialPhrase, type ContextValue, type Decision, type Policy } from "../../policy/index.ts";
import type { S3BucketRow } from "../../store/index.ts";
import type { S3Context } from "../context.ts";
import { S3Errors } from "../errors.ts";
import { requestConditions } from "./conditions.ts";

const POLICY_ACTIONS = new Set(["s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"]);

export function bucketPolicyOf(ctx: S3Context, bucket: S3BucketRow | undefined): Policy | undefined {
  if (!bucket?.policy) return undefined;
  return ctx.deps.policies.get(bucket.policy, "resource", `bucket policy of ${bucket.name}`);
}

/** Whether the caller may `action` on `resource`; `bucket` (the context's bucket unless given) gives the policy and owner. */
export async function isAllowed(ctx: S3Context, action: string, resource: string, conditions: Readonly<Record<string, ContextValue>> = {}, bucket: S3BucketRow | undefined = ctx.bucket): Promise<boolean> {
  return (await decide(ctx, action, resource, conditions, bucket)) === undefined;
}

/** undefined when allowed; the decision that refused otherwise. */
async function decide(ctx: S3Context, action: string, resource: string, conditions: Readonly<Record<string, ContextValue>>, bucket: S3BucketRow | undefined): Promise<Decision | undefined> {
  if (bucket && POLICY_ACTIONS.has(action) && ctx.caller.principal.type === "root" && ctx.caller.accountId === bucket.accountId) return undefined;
  const context = { ...requestConditions(ctx), ...(bucket ? { "s3:ResourceAccount": bucket.accountId } : {}), ...conditions };
  const decision = await ctx.deps.authorize(ctx.caller, action, resource, context, bucketPolicyOf(ctx, bucket), {
    now: ctx.now,
    resourceMode: "either",
    resourceAccount: bucket?.accountId ?? ctx.caller.accountId,
  });
  return decision.effect === "Allow" ? undefined : decision;
}

/** Throws AccessDenied unless the caller may `action` on `resource`. */
export async function authorizeS3(ctx: S3Context, action: string, resource: string, conditions: Readonly<Record<string, ContextValue>> = {}, bucket: S3BucketRow | undefined = ctx.bucket): Promise<void> {
  const refused = await decide(ctx, action, resource, conditions, bucket);
  if (!refused) return;
  const sameAccount = (bucket?.accountId ?? ctx.caller.accountId) === ctx.caller.accountId;
  const phrase = denialPhrase(refused, action);
  if (!sameAccount || phrase === "") throw S3Errors.accessDenied();
  throw S3Errors.accessDenied(`User: ${ctx.caller.arn} is not authorized to perform: ${action} on resource: "${resource}" ${phrase}`);
}
