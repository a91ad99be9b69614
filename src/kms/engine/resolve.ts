// The key an identifier names, as AWS reads KeyId: a key id or an alias name in the caller's
// account and the request's region, or a key ARN or alias ARN (the only forms that reach another
// account's key). An unknown key or alias is NotFoundException in AWS's words; an alias given to an
// operation that takes only keys is InvalidArnException.
import { kmsError } from "../errors.ts";
import { aliasArn, KEY_ID, keyArn, MULTI_REGION_KEY_ID, parseKmsArn } from "../model/arn.ts";
import type { KmsKey } from "../model/types.ts";
import type { KmsContext, KmsDeps } from "./context.ts";
import { loadKey } from "./keys.ts";
import { settleKey } from "./settle.ts";
import { awsManagedKeyForAlias } from "./aws-managed.ts";
import { missingForeignKey } from "./authorize.ts";

export interface ResolvedKey {
  key: KmsKey;
  /** The alias the request named (kms:RequestAlias), if it named one. */
  requestAlias?: string;
}

export interface ResolveOptions {
  /** Operations that take only a key id or key ARN (key management) refuse aliases. */
  allowAlias?: boolean;
  /**
   * Operations with cross-account use (true by default): another account's key ARN that names no
   * key is refused as access there would be. For the others it is a key not found here.
   */
  crossAccount?: boolean;
}

/** AWS's answer when a key management operation (policies, grants, rotation, …) is given an alias. */
const aliasRefused = () => kmsError("InvalidArnException", "Key Aliases are not supported for this operation.");

/** AWS's answer for a KeyId that is no key id, ARN or alias name: the identifier, quoted. */
const invalidKeyId = (identifier: string) => kmsError("NotFoundException", `Invalid keyId '${identifier}'`);

function notFoundKey(region: string, accountId: string, keyId: string): Error {
  return kmsError("NotFoundException", `Key '${keyArn(region, accountId, keyId)}' does not exist`);
}

export async function resolveKey(deps: KmsDeps, ctx: KmsContext, identifier: string, options: ResolveOptions = {}): Promise<ResolvedKey> {
  const allowAlias = options.allowAlias ?? true;
  const region = ctx.region;
  const account = ctx.caller.accountId;
  let keyId: string;
  let keyAccount = account;
  let requestAlias: string | undefined;
  if (identifier.startsWith("arn:")) {
    const arn = parseKmsArn(identifier);
    if (!arn) throw kmsError("NotFoundException", `Invalid arn ${identifier}`);
    if (arn.region !== region) throw kmsError("NotFoundException", `Invalid arn ${arn.region}`);
    keyAccount = arn.accountId;
    if (arn.type === "alias") {
      if (!allowAlias) throw aliasRefused();
      const alias = await deps.repo.getAlias(arn.accountId, region, arn.name);
      if (!alias) throw kmsError("NotFoundException", `Alias ${identifier} is not found.`);
      keyId = alias.targetKeyId;
      requestAlias = arn.name;
    } else {
      keyId = arn.name;
    }
  } else if (identifier.startsWith("alias/")) {
    if (!allowAlias) throw aliasRefused();
    const alias = await deps.repo.getAlias(account, region, identifier);
    // An AWS managed key's alias names it before its first use too: AWS makes it then.
    const managed = alias ? undefined : await awsManagedKeyForAlias(deps, account, region, identifier);
    if (!alias && !managed) throw kmsError("NotFoundException", `Alias ${aliasArn(region, account, identifier)} is not found.`);
    keyId = alias ? alias.targetKeyId : managed!.keyId;
    requestAlias = identifier;
  } else {
    // A multi-Region key id is well formed; federa has no such keys, so it names none.
    if (!KEY_ID.test(identifier) && !MULTI_REGION_KEY_ID.test(identifier)) throw invalidKeyId(identifier);
    keyId = identifier;
  }
  const stored = await loadKey(deps.repo, keyId);
  const key = stored && (await settleKey(deps, stored, ctx.now));
  if (!key || key.accountId !== keyAccount || key.region !== region) {
    // Another account's key ARN that names nothing: refused as a key there would be, unsaid whether it exists.
    if (keyAccount !== account && requestAlias === undefined && options.crossAccount !== false) throw await missingForeignKey(deps, ctx, keyArn(region, keyAccount, keyId));
    throw notFoundKey(region, keyAccount, keyId);
  }
  return requestAlias === undefined ? { key } : { key, requestAlias };
}
