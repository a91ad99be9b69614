// Aliases as AWS KMS takes them: a name "alias/<name>" (the model's 1–256 characters of
// [a-zA-Z0-9:/_-], then the service's rules: the "alias/" prefix, no colon, and "alias/aws/" is
// reserved for AWS managed keys), unique in the account and Region, pointing at one key of that
// account. Managing an alias needs the permission on the alias itself (IAM policies only: an
// alias has no policy of its own) and on its key (the key policy).
import { AwsError, type JsonObject } from "../../protocol/index.ts";
import type { KmsAliasRow } from "../../store/index.ts";
import { requiredString } from "../api/params.ts";
import { kmsError, validationError } from "../errors.ts";
import { aliasArn } from "../model/arn.ts";
import { accessDenied } from "./authorize.ts";
import type { KmsContext, KmsDeps } from "./context.ts";

const MODEL_PATTERN = /^[a-zA-Z0-9:/_-]+$/;
const NAME = /^alias\/[a-zA-Z0-9/_-]+$/;

/** Reads an alias name member (AliasName) and applies AWS's rules in AWS's order and words. */
export function readAliasName(params: JsonObject, member = "AliasName"): string {
  const name = requiredString(params, member, { max: 256 });
  if (!MODEL_PATTERN.test(name)) {
    throw validationError("aliasName", name, "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
  }
  if (!name.startsWith("alias/")) {
    throw kmsError("ValidationException", 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  }
  // AWS answers a reserved name with NotAuthorizedException and no message (an error outside the
  // KMS model, as the emulators that recorded AWS's answers show it).
  if (name.startsWith("alias/aws/")) throw new AwsError("NotAuthorizedException", "", { status: 400 });
  if (!NAME.test(name)) throw kmsError("ValidationException", `${name} contains invalid characters for an alias`);
  return name;
}

/** Whether a TargetKeyId names an alias (alias name or alias ARN) rather than a key. */
export function namesAlias(identifier: string): boolean {
  return identifier.startsWith("alias/") || (identifier.startsWith("arn:") && identifier.includes(":alias/"));
}

export function aliasArnOf(ctx: KmsContext, name: string): string {
  return aliasArn(ctx.region, ctx.caller.accountId, name);
}

/** The caller's alias of that name, or NotFoundException in AWS's words. */
export async function loadAlias(deps: KmsDeps, ctx: KmsContext, name: string): Promise<KmsAliasRow> {
  const row = await deps.repo.getAlias(ctx.caller.accountId, ctx.region, name);
  if (!row) throw kmsError("NotFoundException", `Alias ${aliasArnOf(ctx, name)} is not found.`);
  return row;
}

/**
 * Authorizes `action` on the alias ARN: IAM policies alone decide, as for any alias. A refusal
 * carries the encoded authorization message, as every AccessDeniedException of federa does.
 */
export async function authorizeAlias(deps: KmsDeps, ctx: KmsContext, action: string, arn: string): Promise<void> {
  const context = {
    "aws:SecureTransport": ctx.secureTransport,
    "aws:SourceIp": ctx.sourceIp,
    "aws:RequestedRegion": ctx.region,
    "kms:CallerAccount": ctx.caller.accountId,
  };
  const decision = await deps.authorize(ctx.caller, action, arn, context, undefined, { now: ctx.now });
  if (decision.effect === "Allow") return;
  throw await accessDenied(deps, ctx, action, arn, decision, context);
}

/** Forgets the cached aliases (kms:ResourceAliases) of the keys an alias change touched. */
export function forgetAliases(deps: KmsDeps, ...keyIds: string[]): void {
  for (const keyId of keyIds) deps.caches.aliases.delete(keyId);
}
