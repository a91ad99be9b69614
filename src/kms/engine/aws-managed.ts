// AWS managed keys: the key an integrated service (S3's SSE-KMS, …) uses in an account and Region
// when no customer managed key is named, made on first use, as AWS does it: alias aws/<service>,
// KeyManager AWS, the service's key policy (use only through the service by principals of the
// account; the account may read the key's metadata directly), rotated every year, automatically.
// The policy allows no management, so PutKeyPolicy, ScheduleKeyDeletion and the like are
// AccessDeniedException; rotation changes are refused as unsupported (engine/rotation.ts).
import { randomKeyMaterial, randomUuid } from "../../crypto/index.ts";
import { keyArn } from "../model/arn.ts";
import type { KmsKey } from "../model/types.ts";
import type { KmsDeps } from "./context.ts";
import { keyRow, loadKey } from "./keys.ts";
import { wrapBackingKey } from "./material.ts";
import { DAY_MS, DEFAULT_ROTATION_DAYS, rotateIfDue } from "./rotation.ts";

export const AWS_MANAGED_ALIAS_PREFIX = "alias/aws/";

interface ServiceFacts {
  /** How the policy's first Sid names the service. */
  label: string;
  /** The service prefix of kms:ViaService ("<prefix>.<region>.amazonaws.com"). */
  viaService: string;
  /** The key's description. */
  description: string;
  /** Services that create grants (EBS): kms:CreateGrant through the service, kms:RevokeGrant for the account. */
  grants?: boolean;
}

/** The services whose AWS managed keys federa writes as AWS does; any other gets the same shape under its own name. */
const SERVICES: Readonly<Record<string, ServiceFacts>> = {
  s3: { label: "S3", viaService: "s3", description: "Default key that protects my S3 objects when no other key is defined" },
  ebs: { label: "EBS", viaService: "ec2", description: "Default key that protects my EBS volumes when no other key is defined", grants: true },
  lambda: { label: "Lambda", viaService: "lambda", description: "Default key that protects my Lambda functions when no other key is defined" },
  secretsmanager: { label: "Secrets Manager", viaService: "secretsmanager", description: "Default key that protects my Secrets Manager data when no other key is defined" },
  ssm: { label: "SSM", viaService: "ssm", description: "Default key that protects my SSM parameters when no other key is defined" },
};

const SERVICE_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * The aliases AWS has made for these services in every account and Region before their keys
 * exist: ListAliases shows them without a TargetKeyId until first use.
 */
export const PREDEFINED_ALIASES: readonly string[] = Object.keys(SERVICES).map((service) => `${AWS_MANAGED_ALIAS_PREFIX}${service}`);

function factsOf(service: string): ServiceFacts {
  return SERVICES[service] ?? { label: service.toUpperCase(), viaService: service, description: `Default key that protects my ${service.toUpperCase()} data when no other key is defined` };
}

/** The key policy AWS writes for the AWS managed key of `service`, character for character as GetKeyPolicy returns it. */
export function awsManagedKeyPolicy(accountId: string, region: string, service: string): string {
  const f = factsOf(service);
  const use = ['"kms:Encrypt"', '"kms:Decrypt"', '"kms:ReEncrypt*"', '"kms:GenerateDataKey*"', ...(f.grants ? ['"kms:CreateGrant"'] : []), '"kms:DescribeKey"'];
  const read = ['"kms:Describe*"', '"kms:Get*"', '"kms:List*"', ...(f.grants ? ['"kms:RevokeGrant"'] : [])];
  return [
    "{",
    '  "Version" : "2012-10-17",',
    `  "Id" : "auto-${service}-2",`,
    '  "Statement" : [ {',
    `    "Sid" : "Allow access through ${f.label} for all principals in the account that are authorized to use ${f.label}",`,
    '    "Effect" : "Allow",',
    '    "Principal" : {',
    '      "AWS" : "*"',
    "    },",
    `    "Action" : [ ${use.join(", ")} ],`,
    '    "Resource" : "*",',
    '    "Condition" : {',
    '      "StringEquals" : {',
    `        "kms:CallerAccount" : "${accountId}",`,
    `        "kms:ViaService" : "${f.viaService}.${region}.amazonaws.com"`,
    "      }",
    "    }",
    "  }, {",
    '    "Sid" : "Allow direct access to key metadata to the account",',
    '    "Effect" : "Allow",',
    '    "Principal" : {',
    `      "AWS" : "arn:aws:iam::${accountId}:root"`,
    "    },",
    `    "Action" : [ ${read.join(", ")} ],`,
    '    "Resource" : "*"',
    "  } ]",
    "}",
  ].join("\n");
}

/** The kms:ViaService value of a service's calls in a Region (what its AWS managed key's policy asks for). */
export function viaServiceOf(service: string, region: string): string {
  return `${factsOf(service).viaService}.${region}.amazonaws.com`;
}

class AliasTaken extends Error {}

/**
 * The AWS managed key of `service` (e.g. "s3") in the account and Region, created on first use with
 * its alias alias/aws/<service>. Safe to call at once from many requests: one key is made.
 */
export async function awsManagedKey(deps: KmsDeps, accountId: string, region: string, service: string): Promise<KmsKey> {
  if (!SERVICE_NAME.test(service)) throw new TypeError(`not a service name: ${service}`);
  const aliasName = `${AWS_MANAGED_ALIAS_PREFIX}${service}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await deps.repo.getAlias(accountId, region, aliasName);
    if (existing) {
      const key = await loadKey(deps.repo, existing.targetKeyId);
      if (key) return rotateIfDue(deps, key, deps.clock.now());
    }
    try {
      return await createAwsManagedKey(deps, accountId, region, service, aliasName);
    } catch (error) {
      if (!(error instanceof AliasTaken)) throw error;
    }
  }
  throw new Error(`the AWS managed key ${aliasName} could not be created`);
}

async function createAwsManagedKey(deps: KmsDeps, accountId: string, region: string, service: string, aliasName: string): Promise<KmsKey> {
  const now = deps.clock.now();
  const keyId = randomUuid();
  const backing = await wrapBackingKey(deps, keyId, randomKeyMaterial(32), now);
  const key: KmsKey = {
    keyId,
    arn: keyArn(region, accountId, keyId),
    accountId,
    region,
    description: factsOf(service).description,
    keySpec: "SYMMETRIC_DEFAULT",
    keyUsage: "ENCRYPT_DECRYPT",
    origin: "AWS_KMS",
    keyManager: "AWS",
    state: "Enabled",
    creationDate: now.getTime(),
    policy: awsManagedKeyPolicy(accountId, region, service),
    tags: [],
    rotation: { enabled: true, periodDays: DEFAULT_ROTATION_DAYS, nextRotationAt: now.getTime() + DEFAULT_ROTATION_DAYS * DAY_MS, onDemandCount: 0 },
    currentBackingKeyId: backing.backingKeyId,
    awsService: service,
  };
  const created = await deps.repo.transaction(async (tx) => {
    const taken = await tx.getAlias(accountId, region, aliasName);
    if (taken && (await tx.getKey(taken.targetKeyId))) return undefined;
    await tx.putKey(keyRow(key));
    await tx.addBackingKey(backing);
    // Written through the store: CreateAlias refuses alias/aws/ names to customers.
    const written = await tx.putAlias({ accountId, region, aliasName, targetKeyId: keyId, createdAt: now, updatedAt: now }, taken ? {} : { ifAbsent: true });
    if (!written) throw new AliasTaken();
    return key;
  });
  deps.caches.aliases.delete(keyId);
  if (!created) throw new AliasTaken();
  return created;
}

/** Whether an alias name is one of AWS managed keys' (alias/aws/…). */
export function isAwsManagedAlias(aliasName: string): boolean {
  return aliasName.startsWith(AWS_MANAGED_ALIAS_PREFIX);
}

/**
 * For key resolution: the AWS managed key an alias alias/aws/<service> of a known service names,
 * created on first use (AWS creates it when DescribeKey or the service first names the alias);
 * undefined for other names.
 */
export async function awsManagedKeyForAlias(deps: KmsDeps, accountId: string, region: string, aliasName: string): Promise<KmsKey | undefined> {
  if (!isAwsManagedAlias(aliasName)) return undefined;
  const service = aliasName.slice(AWS_MANAGED_ALIAS_PREFIX.length);
  return Object.hasOwn(SERVICES, service) ? awsManagedKey(deps, accountId, region, service) : undefined;
}
