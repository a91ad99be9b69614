// Operations whose response is empty (EnableKey, TagResource, CreateAlias…) still name their
// resources in CloudTrail, with ARNs that the request alone may not give (a bare key id, an alias
// name). Their output carries those resources under a symbol: JSON never serialises symbol keys,
// so the client still receives {}, and the operation's trail reads them back.
import type { TrailFacts } from "./operation.ts";

const RESOURCES = Symbol("kms.trail.resources");

type Resources = NonNullable<TrailFacts["resources"]>;

/** An empty response that remembers the resources for the trail. */
export function quietOutput(resources: Resources): Record<string, never> {
  return { [RESOURCES]: resources } as unknown as Record<string, never>;
}

/** The resources an output of quietOutput carries (none for a failed call). */
export function resourcesOf(output: unknown): TrailFacts["resources"] {
  if (typeof output !== "object" || output === null) return undefined;
  return (output as { [RESOURCES]?: Resources })[RESOURCES];
}

export function keyResourceOf(key: { arn: string; accountId: string }): Resources[number] {
  return { ARN: key.arn, accountId: key.accountId, type: "AWS::KMS::Key" };
}

export function aliasResourceOf(arn: string, accountId: string): Resources[number] {
  return { ARN: arn, accountId, type: "AWS::KMS::Alias" };
}
