// CreateGrant: a grant on a key (key id or key ARN, other accounts' keys included) for a grantee
// principal, with the operations the key type accepts, optional encryption context constraints
// (symmetric keys only, and only beside an operation that takes an encryption context), an
// optional retiring principal and name. The same Name with the same grant returns the existing
// grant's id (a new token each time). Authorized by kms:CreateGrant with the grant condition keys;
// a grant that allows CreateGrant allows only grants within it. At most 50,000 grants a key, as AWS.
import type { CreateGrantResponse } from "@aws-sdk/client-kms";
import { randomHex } from "../../crypto/index.ts";
import type { ContextValue } from "../../policy/index.ts";
import { grantToken, readGrantTokens } from "../api/grant-tokens.ts";
import { constraintTypes, readGrantConstraints, readGrantName, readGrantOperations, readPrincipal } from "../api/grant-input.ts";
import { readKeyId } from "../api/key-input.ts";
import { kmsError } from "../errors.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { CONTEXT_OPERATIONS, checkGrantPrincipal, grantOperationsFor, grantRow, tokenNonce } from "../engine/grants.ts";
import { resolveKey } from "../engine/resolve.ts";
import { requireEnabled } from "../engine/states.ts";
import type { GrantConstraints, GrantOperation, KmsGrant, KmsKey } from "../model/types.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, withKeyArn } from "./own-key.ts";

/** AWS's resource quota: grants per KMS key. */
export const GRANTS_PER_KEY = 50_000;

/** The key's type, as the refusal of an operation it does not accept names it. */
function keyType(key: KmsKey): string {
  if (key.keySpec === "SYMMETRIC_DEFAULT") return "symmetric encryption KMS key";
  if (key.keySpec.startsWith("HMAC_")) return "HMAC KMS key";
  return `asymmetric KMS key with KeyUsage ${key.keyUsage}`;
}

function checkOperations(key: KmsKey, operations: readonly GrantOperation[], constraints: GrantConstraints | undefined): void {
  const accepted = new Set<string>(grantOperationsFor(key));
  const refused = operations.filter((op) => !accepted.has(op));
  if (refused.length > 0) {
    throw kmsError("ValidationException", `Grant operations [${refused.join(", ")}] are not supported for a ${keyType(key)} (${key.keySpec}). Valid operations: [${[...accepted].join(", ")}].`);
  }
  if (operations.length === 1 && operations[0] === "CreateGrant") throw kmsError("ValidationException", "Grants must not contain only the CreateGrant operation.");
  if (constraints) {
    if (key.keySpec !== "SYMMETRIC_DEFAULT") {
      throw kmsError("ValidationException", "Encryption context grant constraints are not supported for asymmetric or HMAC KMS keys: their operations do not take an encryption context.");
    }
    if (!operations.some((op) => CONTEXT_OPERATIONS.has(op))) {
      throw kmsError("ValidationException", "Encryption context grant constraints are supported only on grants that include an operation that takes an encryption context.");
    }
  }
}

/** Compares encryption context maps as grants do: keys without case, values exactly. */
function sameContext(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (!a || !b) return a === b;
  const left = new Map(Object.entries(a).map(([k, v]) => [k.toLowerCase(), v]));
  const right = Object.entries(b);
  return left.size === right.length && right.every(([k, v]) => left.get(k.toLowerCase()) === v);
}

/** Whether an existing grant is the one a retried request asks for (Name included). */
function sameGrant(existing: KmsGrant, wanted: Omit<KmsGrant, "grantId" | "creationDate">): boolean {
  const ops = (list: readonly string[]) => [...list].sort().join(",");
  return (
    existing.name === wanted.name &&
    existing.granteePrincipal === wanted.granteePrincipal &&
    existing.retiringPrincipal === wanted.retiringPrincipal &&
    existing.issuingAccount === wanted.issuingAccount &&
    ops(existing.operations) === ops(wanted.operations) &&
    sameContext(existing.constraints?.EncryptionContextEquals, wanted.constraints?.EncryptionContextEquals) &&
    sameContext(existing.constraints?.EncryptionContextSubset, wanted.constraints?.EncryptionContextSubset)
  );
}

export const createGrant: KmsOperation = {
  readOnly: false,
  async run(deps, ctx): Promise<CreateGrantResponse> {
    const p = ctx.params;
    const keyId = readKeyId(p);
    if (p["GranteeServicePrincipal"] != null || p["RetiringServicePrincipal"] != null) {
      throw kmsError("UnsupportedOperationException", "Grants for service principals (GranteeServicePrincipal, RetiringServicePrincipal) are not supported by federa.");
    }
    const grantee = readPrincipal(p, "GranteePrincipal", true)!;
    const retiring = readPrincipal(p, "RetiringPrincipal");
    const operations = readGrantOperations(p);
    const constraints = readGrantConstraints(p);
    readGrantTokens(p);
    const name = readGrantName(p);
    const dryRun = readDryRun(p);

    const { key } = await resolveKey(deps, ctx, keyId, { allowAlias: false });
    const conditions: Record<string, ContextValue> = {
      "kms:GrantOperations": operations,
      "kms:GranteePrincipal": grantee,
      "kms:GrantIsForAWSResource": false,
    };
    if (retiring !== undefined) conditions["kms:RetiringPrincipal"] = retiring;
    const types = constraintTypes(constraints);
    if (types.length > 0) conditions["kms:GrantConstraintType"] = types;
    // The constraints' encryption context is the request's: kms:EncryptionContext:<key> and kms:EncryptionContextKeys.
    const constrained = constraints ? { ...constraints.EncryptionContextSubset, ...constraints.EncryptionContextEquals } : undefined;
    await authorizeKey(deps, ctx, key, "kms:CreateGrant", {
      conditions,
      childGrant: { operations, ...(constraints ? { constraints } : {}) },
      ...(constrained && Object.keys(constrained).length > 0 ? { encryptionContext: constrained } : {}),
    });
    requireEnabled(key);
    checkOperations(key, operations, constraints);
    await checkGrantPrincipal(deps, grantee);
    if (retiring !== undefined) await checkGrantPrincipal(deps, retiring);
    stopIfDryRun(dryRun);

    const wanted: Omit<KmsGrant, "grantId" | "creationDate"> = {
      keyId: key.keyId,
      keyArn: key.arn,
      ...(name !== undefined ? { name } : {}),
      granteePrincipal: grantee,
      ...(retiring !== undefined ? { retiringPrincipal: retiring } : {}),
      issuingAccount: `arn:aws:iam::${ctx.caller.accountId}:root`,
      operations,
      ...(constraints ? { constraints } : {}),
    };
    const grant = await deps.repo.transaction(async (tx) => {
      if (name !== undefined) {
        const retried = (await tx.listGrants(key.keyId)).map((row) => row.document as KmsGrant).find((g) => sameGrant(g, wanted));
        if (retried) return retried;
      }
      if ((await tx.countGrants(key.keyId)) >= GRANTS_PER_KEY) {
        throw kmsError("LimitExceededException", `The request would exceed the quota of ${GRANTS_PER_KEY} grants per KMS key.`);
      }
      const created: KmsGrant = { grantId: randomHex(32), creationDate: ctx.now.getTime(), ...wanted };
      await tx.putGrant(grantRow(created));
      return created;
    });
    deps.caches.grants.delete(key.keyId);
    // Every CreateGrant answers with a token of its own, even when it returns an existing grant.
    return withKeyArn({ GrantToken: grantToken(grant.grantId, tokenNonce(key.keyId, randomHex(16))), GrantId: grant.grantId }, key.arn);
  },
  // The grant token is a credential: the trail records the grant id only.
  trail(params, output) {
    const o = output as CreateGrantResponse | undefined;
    const facts = keyTrail(params, output, ["KeyId", "GranteePrincipal", "RetiringPrincipal", "Operations", "Name"], o?.GrantId ? { grantId: o.GrantId } : null);
    const given = params["Constraints"];
    if (!given || typeof given !== "object" || Array.isArray(given)) return facts;
    const c = given as Record<string, unknown>;
    const constraints = {
      ...(c["EncryptionContextEquals"] ? { encryptionContextEquals: c["EncryptionContextEquals"] } : {}),
      ...(c["EncryptionContextSubset"] ? { encryptionContextSubset: c["EncryptionContextSubset"] } : {}),
    };
    return { ...facts, requestParameters: { ...facts.requestParameters, constraints } };
  },
};
