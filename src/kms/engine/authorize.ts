// Every KMS call is authorized here, as AWS KMS does it: the key policy must allow the caller
// directly or delegate to the account (then IAM policies decide), session policies intersect,
// grants add, an explicit deny anywhere wins. The condition keys KMS defines are filled in from
// the key and the request. A grant allows only its operations, and its encryption context
// constraints bind only the operations that take an encryption context; a grant that allows
// CreateGrant allows only child grants within it. A refusal is AccessDeniedException in AWS's
// words, with federa's encoded authorization message appended.
import { deniedWithEncodedMessage, withKeys, type DenialWording } from "../../iam/index.ts";
import { denialPhrase, grantsFor, type ContextValue, type Decision, type GrantAllowance, type RequestContext } from "../../policy/index.ts";
import { kmsError } from "../errors.ts";
import type { KmsGrant, KmsKey } from "../model/types.ts";
import type { KmsContext, KmsDeps } from "./context.ts";
import { CONTEXT_OPERATIONS, GRANT_OPERATION_ENUM, constraintsSatisfied, coversChild, type ChildGrant } from "./grants.ts";

export interface KeyAuthorization {
  /** The alias the request named the key by: kms:RequestAlias. */
  requestAlias?: string;
  /** The request's encryption context: kms:EncryptionContext:<key>, kms:EncryptionContextKeys, and grant constraints. */
  encryptionContext?: Readonly<Record<string, string>>;
  /** Further condition keys of the operation (kms:EncryptionAlgorithm, kms:GrantOperations, …). */
  conditions?: Readonly<Record<string, ContextValue>>;
  /** Whether grants may allow this action (false for actions that no grant can give). */
  grants?: boolean;
  /** CreateGrant: the grant asked for, which a parent grant must cover. */
  childGrant?: ChildGrant;
  /** What a refusal says was refused, when not "resource: <key ARN>" (Decrypt of a ciphertext that alone names its key). */
  deniedTarget?: string;
}

/** The actions a grant can allow, by name (a grant's operations are KMS's GrantOperation values). */
const GRANTABLE: ReadonlySet<string> = new Set(GRANT_OPERATION_ENUM);

/** Whether a grant allows this request beyond its grantee and operations: its constraints, and for CreateGrant the child grant. */
function grantAccepts(grant: KmsGrant, operation: string, auth: KeyAuthorization): boolean {
  if (operation === "CreateGrant") return auth.childGrant !== undefined && coversChild(grant, auth.childGrant);
  if (CONTEXT_OPERATIONS.has(operation)) return constraintsSatisfied(grant.constraints, auth.encryptionContext);
  return true;
}

/** The grants of a key, from the cache when it has them. */
export async function grantsOf(deps: KmsDeps, keyId: string): Promise<KmsGrant[]> {
  let rows = deps.caches.grants.get(keyId);
  if (!rows) {
    rows = await deps.repo.listGrants(keyId);
    deps.caches.grants.set(keyId, rows);
  }
  return rows.map((row) => row.document as KmsGrant);
}

/** The aliases of a key (kms:ResourceAliases), from the cache when it has them. */
export async function aliasesOf(deps: KmsDeps, key: KmsKey): Promise<string[]> {
  let rows = deps.caches.aliases.get(key.keyId);
  if (!rows) {
    rows = await deps.repo.listAliases(key.accountId, key.region, key.keyId);
    deps.caches.aliases.set(key.keyId, rows);
  }
  return rows.map((row) => row.aliasName);
}

/**
 * The key's condition keys that few policies test, worked out only when one does: its tags
 * (aws:ResourceTag/<key>, tag keys without case), kms:MultiRegion, and the deprecated names of
 * kms:KeySpec and kms:KeyUsage.
 */
export function derivedKeyConditions(key: KmsKey): (lowerKey: string) => ContextValue | undefined {
  return (lowerKey) => {
    switch (lowerKey) {
      case "kms:multiregion":
        return false;
      case "kms:customermasterkeyspec":
        return key.keySpec;
      case "kms:customermasterkeyusage":
        return key.keyUsage;
      default:
        if (!lowerKey.startsWith("aws:resourcetag/")) return undefined;
        return key.tags.find((tag) => tag.TagKey.toLowerCase() === lowerKey.slice(16))?.TagValue;
    }
  };
}

/** The KMS condition keys of the key and request (beside the caller's global keys). */
export async function keyConditions(deps: KmsDeps, ctx: KmsContext, key: KmsKey, auth: KeyAuthorization): Promise<Record<string, ContextValue>> {
  const context: Record<string, ContextValue> = {
    "aws:SecureTransport": ctx.secureTransport,
    "aws:SourceIp": ctx.sourceIp,
    "aws:RequestedRegion": ctx.region,
    "kms:CallerAccount": ctx.caller.accountId,
    "kms:KeySpec": key.keySpec,
    "kms:KeyUsage": key.keyUsage,
    "kms:KeyOrigin": key.origin,
    "kms:ResourceAliases": await aliasesOf(deps, key),
  };
  if (auth.requestAlias !== undefined) context["kms:RequestAlias"] = auth.requestAlias;
  if (key.keyManager === "AWS" && key.awsService) context["kms:GrantIsForAWSResource"] = false;
  const ec = auth.encryptionContext;
  if (ec) {
    const keys = Object.keys(ec);
    context["kms:EncryptionContextKeys"] = keys;
    for (const k of keys) context[`kms:EncryptionContext:${k}`] = ec[k]!;
  }
  return auth.conditions ? withKeys(context, auth.conditions) : context;
}

/** Authorizes `action` (e.g. "kms:Encrypt") on the key, or throws AccessDeniedException. */
export async function authorizeKey(deps: KmsDeps, ctx: KmsContext, key: KmsKey, action: string, auth: KeyAuthorization = {}): Promise<void> {
  const conditions = await keyConditions(deps, ctx, key, auth);
  const policy = deps.policies.get(key.policy, "key", `key policy of ${key.arn}`);
  const operation = action.slice(action.indexOf(":") + 1);
  let grants: ((request: RequestContext) => string | undefined) | undefined;
  if (auth.grants !== false && GRANTABLE.has(operation)) {
    const list = await grantsOf(deps, key.keyId);
    if (list.length > 0) {
      const allowances: GrantAllowance[] = list.map((g) => ({
        grantId: g.grantId,
        granteePrincipal: g.granteePrincipal,
        operations: g.operations,
        accepts: () => grantAccepts(g, operation, auth),
      }));
      grants = grantsFor(allowances);
    }
  }
  const decision = await deps.authorize(ctx.caller, action, key.arn, conditions, policy, { now: ctx.now, resourceMode: "required", derived: derivedKeyConditions(key), ...(grants ? { grants } : {}) });
  if (decision.effect === "Allow") return;
  // A caller of another account that the key policy refused hears what it would for a key that
  // does not exist; within the account, a Decrypt that named no key is refused on the ciphertext.
  const crossAccount = ctx.caller.accountId !== key.accountId && decision.deniedBy === "resource";
  const wording: DenialWording = crossAccount ? { crossAccount } : auth.deniedTarget ? { target: auth.deniedTarget } : {};
  // Across accounts, the sealed message holds none of the key's condition keys either, as for a key
  // that does not exist (missingForeignKey): only the caller's own.
  throw await accessDenied(deps, ctx, action, key.arn, decision, crossAccount ? {} : conditions, wording);
}

/** AccessDeniedException in AWS's words, with the decision sealed into federa's encoded authorization message. */
export async function accessDenied(deps: KmsDeps, ctx: KmsContext, action: string, resource: string, decision: Decision, conditions: Readonly<Record<string, ContextValue>>, wording: DenialWording = {}): Promise<Error> {
  return kmsError("AccessDeniedException", await deniedWithEncodedMessage(deps.messages, ctx.caller, { action, resource, context: conditions, now: ctx.now, wording }, decision));
}

/**
 * A key ARN of another account that names no key: AccessDeniedException in the words of a refusal
 * across accounts, which do not say whether the key exists (as AWS answers, so that no one learns
 * another account's keys by asking).
 */
export async function missingForeignKey(deps: KmsDeps, ctx: KmsContext, keyArn: string): Promise<Error> {
  // The decoded authorization message must not tell either: the reason is the one a key policy
  // that does not admit the caller gives.
  const action = `kms:${ctx.operation}`;
  const refused: Decision = { effect: "ImplicitDeny", matched: [], deniedBy: "resource", reason: "" };
  const decision: Decision = { ...refused, reason: `implicitly denied ${denialPhrase(refused, action)}` };
  return accessDenied(deps, ctx, action, keyArn, decision, {}, { crossAccount: true });
}

/** Authorizes an action on no particular key (CreateKey, ListKeys, ListAliases, GenerateRandom): IAM policies alone. */
export async function authorizeAccount(deps: KmsDeps, ctx: KmsContext, action: string, conditions: Readonly<Record<string, ContextValue>> = {}): Promise<void> {
  const context: Record<string, ContextValue> = {
    "aws:SecureTransport": ctx.secureTransport,
    "aws:SourceIp": ctx.sourceIp,
    "aws:RequestedRegion": ctx.region,
    "kms:CallerAccount": ctx.caller.accountId,
    ...conditions,
  };
  const decision = await deps.authorize(ctx.caller, action, "*", context, undefined, { now: ctx.now });
  if (decision.effect === "Allow") return;
  throw await accessDenied(deps, ctx, action, "*", decision, context);
}
