// PolicyName as the key policy operations read it: 1–128 word characters, and "default" the only
// name a key policy has (any other is NotFoundException, as KMS answers).
import type { JsonObject } from "../../protocol/index.ts";
import { kmsError, validationError } from "../errors.ts";
import { optionalString } from "./params.ts";

export const DEFAULT_POLICY_NAME = "default";

/** The PolicyName member ("default" when absent); NotFoundException for a name that is not "default". */
export function readPolicyName(params: JsonObject): string {
  const name = optionalString(params, "PolicyName", { min: 1, max: 128 });
  if (name === undefined) return DEFAULT_POLICY_NAME;
  if (!/^\w+$/.test(name)) throw validationError("policyName", name, "Member must satisfy regular expression pattern: [\\w]+");
  if (name !== DEFAULT_POLICY_NAME) throw kmsError("NotFoundException", "No such policy exists");
  return name;
}
