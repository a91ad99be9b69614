// One KMS operation: what it does, and what CloudTrail records of it (never a plaintext or key
// material: request parameters name keys, algorithms and encryption contexts only).
import type { JsonObject } from "../../protocol/index.ts";
import type { KmsContext, KmsDeps } from "../engine/context.ts";

export interface TrailFacts {
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  resources?: { ARN: string; accountId: string; type: string }[];
  readOnly?: boolean;
}

export interface KmsOperation {
  /** CloudTrail's readOnly. */
  readOnly: boolean;
  run(deps: KmsDeps, ctx: KmsContext): Promise<unknown>;
  /** What the trail records; the default records the request's KeyId only. */
  trail?(params: JsonObject, output: unknown): TrailFacts;
}

/** The trail's resources entry for a key ARN. */
export function keyResource(arn: string | undefined): TrailFacts["resources"] {
  if (!arn || !arn.startsWith("arn:aws:kms:")) return undefined;
  return [{ ARN: arn, accountId: arn.split(":")[4]!, type: "AWS::KMS::Key" }];
}
