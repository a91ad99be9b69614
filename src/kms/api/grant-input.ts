// The members of the grant operations, read as the KMS service model types them: principals
// (1–256 characters of [\w+=,.@:/-]), grant names ([a-zA-Z0-9:/_-], 1–256), grant ids (1–128),
// the Operations list (GrantOperation values, at least one), and Constraints (encryption context
// maps: at most 8 pairs each, values of at most 384 characters).
import { AwsError, type JsonObject } from "../../protocol/index.ts";
import { kmsError, validationError } from "../errors.ts";
import { GRANT_OPERATION_ENUM } from "../engine/grants.ts";
import type { GrantConstraints, GrantOperation } from "../model/types.ts";
import { memberName, optionalString } from "./params.ts";

const PRINCIPAL = /^[\w+=,.@:/-]+$/;
const NAME = /^[a-zA-Z0-9:/_-]+$/;
const MAX_CONSTRAINT_PAIRS = 8;
const MAX_CONSTRAINT_VALUE = 384;

export function readPrincipal(params: JsonObject, name: string, required = false): string | undefined {
  const value = optionalString(params, name, { required, min: 1, max: 256 });
  if (value !== undefined && !PRINCIPAL.test(value)) {
    throw validationError(memberName(name), value, "Member must satisfy regular expression pattern: ^[\\w+=,.@:/-]+$");
  }
  return value;
}

export function readGrantName(params: JsonObject): string | undefined {
  const value = optionalString(params, "Name", { min: 1, max: 256 });
  if (value !== undefined && !NAME.test(value)) {
    throw validationError("name", value, "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
  }
  return value;
}

export function readGrantId(params: JsonObject, required = false): string | undefined {
  return optionalString(params, "GrantId", { required, min: 1, max: 128 });
}

/** Operations: a non-empty list of GrantOperation values, each once, in the order given. */
export function readGrantOperations(params: JsonObject): GrantOperation[] {
  const value = params["Operations"];
  if (value === undefined || value === null) throw validationError("operations", null, "Member must not be null");
  if (!Array.isArray(value)) throw new AwsError("SerializationException", "Expected a list for member 'Operations'.");
  const shown = `[${value.map(String).join(", ")}]`;
  if (value.length === 0) throw validationError("operations", shown, "Member must have length greater than or equal to 1");
  const known: readonly string[] = GRANT_OPERATION_ENUM;
  for (const item of value) {
    if (typeof item !== "string") throw new AwsError("SerializationException", "Expected a string for member 'Operations'.");
    if (!known.includes(item)) {
      throw validationError("operations", shown, `Member must satisfy constraint: [Member must satisfy enum value set: [${known.join(", ")}]]`);
    }
  }
  return [...new Set(value as GrantOperation[])];
}

function readContextMap(value: unknown, member: string): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new AwsError("SerializationException", `Expected a map for member '${member}'.`);
  const map: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new AwsError("SerializationException", `Expected a string for member '${member}.${k}'.`);
    if (k.length === 0) throw kmsError("ValidationException", "Encryption context keys must not be empty.");
    if (v.length > MAX_CONSTRAINT_VALUE) {
      throw kmsError("ValidationException", `The value of each encryption context pair in a grant constraint cannot exceed ${MAX_CONSTRAINT_VALUE} characters.`);
    }
    map[k] = v;
  }
  if (Object.keys(map).length > MAX_CONSTRAINT_PAIRS) {
    throw kmsError("ValidationException", `A grant constraint can include at most ${MAX_CONSTRAINT_PAIRS} encryption context pairs.`);
  }
  return map;
}

/** Constraints: EncryptionContextEquals and EncryptionContextSubset; undefined when neither is given. */
export function readGrantConstraints(params: JsonObject): GrantConstraints | undefined {
  const value = params["Constraints"];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw new AwsError("SerializationException", "Expected a structure for member 'Constraints'.");
  const c = value as Record<string, unknown>;
  if (c["SourceArn"] !== undefined && c["SourceArn"] !== null) {
    throw kmsError("UnsupportedOperationException", "The SourceArn grant constraint is not supported by federa.");
  }
  const out: GrantConstraints = {};
  if (c["EncryptionContextEquals"] !== undefined && c["EncryptionContextEquals"] !== null) {
    out.EncryptionContextEquals = readContextMap(c["EncryptionContextEquals"], "Constraints.EncryptionContextEquals");
  }
  if (c["EncryptionContextSubset"] !== undefined && c["EncryptionContextSubset"] !== null) {
    out.EncryptionContextSubset = readContextMap(c["EncryptionContextSubset"], "Constraints.EncryptionContextSubset");
  }
  return out.EncryptionContextEquals || out.EncryptionContextSubset ? out : undefined;
}

/** The grant constraint types present (kms:GrantConstraintType). */
export function constraintTypes(constraints: GrantConstraints | undefined): string[] {
  if (!constraints) return [];
  return (["EncryptionContextEquals", "EncryptionContextSubset"] as const).filter((type) => constraints[type] !== undefined);
}
