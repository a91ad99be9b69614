// PutBucketPolicy's checks, in S3's words (MalformedPolicy): the document must be JSON starting
// with "{", valid in IAM's policy language for a resource-based policy (src/policy), name only S3
// actions and resources of this very bucket, and every statement must have an action that applies
// to one of its resources (object actions to bucket/key, bucket actions to the bucket).
import { principalArns, type IamService } from "../../iam/index.ts";
import { isPolicyError, parsePolicy, PolicyMessages, type Policy, type PolicyStatement } from "../../policy/index.ts";
import { S3Errors } from "../errors.ts";
import { ACCOUNT_ACTIONS, BUCKET_ACTIONS, OBJECT_ACTIONS } from "./s3-actions.ts";

export const MAX_BUCKET_POLICY_BYTES = 20 * 1024;

const Messages = {
  firstByte: "Policies must be valid JSON and the first byte must be '{'",
  syntax: "Invalid policy syntax.",
  tooLarge: "Policy exceeds the maximum allowed document size.",
  invalidAction: "Policy has invalid action",
  invalidResource: "Policy has invalid resource",
  invalidPrincipal: "Invalid principal in policy",
  notApplicable: "Action does not apply to any resource(s) in statement",
  missingAction: "Missing required field Action",
  missingResource: "Missing required field Resource",
} as const;

/** src/policy's IAM wording → S3's. */
function s3Message(message: string): string {
  if (message === PolicyMessages.syntax || message === PolicyMessages.invalidJsonTrust || message === PolicyMessages.legacyParsing) return Messages.syntax;
  if (message === PolicyMessages.noActions) return Messages.missingAction;
  if (message === PolicyMessages.noResources) return Messages.missingResource;
  if (message === PolicyMessages.noVendor || message === PolicyMessages.oneColon || message.startsWith("Vendor ")) return Messages.invalidAction;
  if (message.startsWith("Invalid principal in policy") || message === PolicyMessages.keyInvalidPrincipals) return Messages.invalidPrincipal;
  if (message.startsWith("Resource ") || message.startsWith("Partition ") || message === PolicyMessages.resourceVendor) return Messages.invalidResource;
  return message;
}

function globRegex(pattern: string, flags: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, flags);
}

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

interface ResourceReach {
  bucket: boolean;
  objects: boolean;
}

/** What an S3 resource pattern reaches in this bucket; "Policy has invalid resource" when it names another. */
function reachOf(resource: string, bucket: string): ResourceReach {
  const prefix = "arn:aws:s3:::";
  if (!resource.startsWith(prefix)) throw S3Errors.malformedPolicy(Messages.invalidResource);
  const rest = resource.slice(prefix.length);
  const slash = rest.indexOf("/");
  const bucketPart = slash === -1 ? rest : rest.slice(0, slash);
  if (bucketPart === "" || !globRegex(bucketPart, "").test(bucket)) {
    // "bucket*" style patterns may reach the bucket's objects through the wildcard.
    if (slash !== -1 || !bucketPart.includes("*") || !globRegex(bucketPart, "").test(`${bucket}/x`)) throw S3Errors.malformedPolicy(Messages.invalidResource);
    return { bucket: false, objects: true };
  }
  return { bucket: slash === -1, objects: slash !== -1 || bucketPart.endsWith("*") };
}

interface ActionReach {
  bucket: boolean;
  objects: boolean;
}

function reachOfAction(action: string): ActionReach {
  const colon = action.indexOf(":");
  if (colon === -1 || action.slice(0, colon).toLowerCase() !== "s3") throw S3Errors.malformedPolicy(Messages.invalidAction);
  const pattern = globRegex(action.slice(colon + 1), "i");
  const reach = { bucket: BUCKET_ACTIONS.some((a) => pattern.test(a)), objects: OBJECT_ACTIONS.some((a) => pattern.test(a)) };
  if (!reach.bucket && !reach.objects && !ACCOUNT_ACTIONS.some((a) => pattern.test(a))) throw S3Errors.malformedPolicy(Messages.invalidAction);
  return reach;
}

function checkStatement(statement: PolicyStatement, bucket: string): void {
  const actions = list(statement.Action).map(reachOfAction);
  for (const action of list(statement.NotAction)) reachOfAction(action);
  const resources = list(statement.Resource).map((r) => reachOf(r, bucket));
  for (const resource of list(statement.NotResource)) reachOf(resource, bucket);
  if (actions.length === 0 || resources.length === 0) return;
  const applies = actions.some((a) => resources.some((r) => (a.bucket && r.bucket) || (a.objects && r.objects)));
  if (!applies) throw S3Errors.malformedPolicy(Messages.notApplicable);
}

const USER = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([\w+=,.@-]+)$/;

/** Whether an IAM user or role a policy names exists (S3 refuses policies naming ones that do not). */
async function principalExists(iam: IamService, arn: string): Promise<boolean> {
  if (/^arn:aws:iam::\d{12}:role\//.test(arn)) return (await iam.findRoleByArn(arn)) !== undefined;
  const user = USER.exec(arn);
  if (user) return (await iam.findUser(user[1]!, user[2]!)) !== undefined;
  return true;
}

/** Validates a bucket policy for `bucket` as PutBucketPolicy does; answers the compiled policy. */
export async function validateBucketPolicy(text: string, bucket: string, iam: IamService): Promise<Policy> {
  if (Buffer.byteLength(text, "utf8") > MAX_BUCKET_POLICY_BYTES) throw S3Errors.malformedPolicy(Messages.tooLarge);
  if (!text.trimStart().startsWith("{")) throw S3Errors.malformedPolicy(Messages.firstByte);
  const found = new Set<string>();
  await Promise.all(
    principalArns(text).map(async ([type, arn]) => {
      if (type === "Federated" || (await principalExists(iam, arn))) found.add(arn);
    }),
  );
  let policy: Policy;
  try {
    policy = parsePolicy(text, "resource", { label: `bucket policy of ${bucket}`, principalExists: (arn) => found.has(arn) });
  } catch (error) {
    if (isPolicyError(error)) throw S3Errors.malformedPolicy(s3Message(error.message));
    throw error;
  }
  const document = JSON.parse(text) as { Statement: PolicyStatement | PolicyStatement[] };
  for (const statement of Array.isArray(document.Statement) ? document.Statement : [document.Statement]) checkStatement(statement, bucket);
  return policy;
}
