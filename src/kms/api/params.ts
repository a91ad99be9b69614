// Reading an operation's JSON input as the KMS service model types it: strings with their length
// bounds, base64 blobs, integers, booleans, string lists and maps. A member of the wrong type, or
// outside its bounds, is AWS's ValidationException (or SerializationException for bad JSON types).
import { AwsError, type JsonObject } from "../../protocol/index.ts";
import { validationError } from "../errors.ts";

/** SerializationException: a member of the wrong JSON type, as AWS words it. */
export const serialization = (member: string, expected: string) => new AwsError("SerializationException", `Expected ${expected} for member '${member}'.`);

/** The member path as AWS's messages write it: camelCase ("keyId", "encryptionContext"). */
export const memberName = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

export interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
}

export function optionalString(params: JsonObject, name: string, rule: StringRule = {}): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) {
    if (rule.required) throw validationError(memberName(name), null, "Member must not be null");
    return undefined;
  }
  if (typeof value !== "string") throw serialization(name, "a string");
  const min = rule.min ?? (rule.required ? 1 : 0);
  if (value.length < min) throw validationError(memberName(name), value, `Member must have length greater than or equal to ${min}`);
  if (rule.max !== undefined && value.length > rule.max) throw validationError(memberName(name), value, `Member must have length less than or equal to ${rule.max}`);
  return value;
}

export function requiredString(params: JsonObject, name: string, rule: Omit<StringRule, "required"> = {}): string {
  return optionalString(params, name, { required: true, min: rule.min, max: rule.max })!;
}

export function optionalEnum<T extends string>(params: JsonObject, name: string, values: readonly T[], required = false): T | undefined {
  const value = optionalString(params, name, { required });
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw validationError(memberName(name), value, `Member must satisfy enum value set: [${values.join(", ")}]`);
  }
  return value as T;
}

/** The base64 alphabet (RFC 4648 §4, not the URL-safe one), by character code. */
const BASE64_ALPHABET = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") BASE64_ALPHABET[c.charCodeAt(0)] = 1;
const PAD = 61; // "="

/**
 * Padded base64 (what /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/ accepts):
 * whole groups of four, at most two "=" and only at the end. A loop, as blobs run to kilobytes.
 */
export function isPaddedBase64(value: string): boolean {
  const length = value.length;
  if (length % 4 !== 0) return false;
  let end = length;
  if (length > 0 && value.charCodeAt(length - 1) === PAD) end = value.charCodeAt(length - 2) === PAD ? length - 2 : length - 1;
  for (let i = 0; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || BASE64_ALPHABET[c] === 0) return false;
  }
  return true;
}

export interface BlobRule {
  required?: boolean;
  min?: number;
  max: number;
  /** A member the model marks sensitive (plaintexts, messages): AWS's messages show no value for it, not even null. */
  sensitive?: boolean;
}

/** A blob member (base64 in JSON): its bytes, within [min, max] bytes. The value is never echoed. */
export function optionalBlob(params: JsonObject, name: string, rule: BlobRule): Buffer | undefined {
  const value = params[name];
  if (value === undefined || value === null) {
    if (rule.required) throw rule.sensitive ? kmsConstraint(name, "Member must not be null") : validationError(memberName(name), null, "Member must not be null");
    return undefined;
  }
  if (typeof value !== "string") throw notBase64(name);
  const bytes = Buffer.from(value, "base64");
  // Canonical base64, which clients send, is what the bytes encode to again (two fast native
  // steps); anything else is checked character by character.
  if (bytes.toString("base64") !== value && !isPaddedBase64(value)) throw notBase64(name);
  const min = rule.min ?? 1;
  // Blob values are secrets or ciphertexts: AWS's message shows the member, not the bytes.
  if (bytes.length < min) throw kmsLength(name, `greater than or equal to ${min}`);
  if (bytes.length > rule.max) throw kmsLength(name, `less than or equal to ${rule.max}`);
  return bytes;
}

function notBase64(name: string): AwsError {
  return new AwsError("SerializationException", `Value for member '${name}' is not valid base64.`);
}

/** A constraint on a blob member, in AWS's words without the value. */
function kmsConstraint(name: string, constraint: string): AwsError {
  return new AwsError("ValidationException", `1 validation error detected: Value at '${memberName(name)}' failed to satisfy constraint: ${constraint}`);
}

function kmsLength(name: string, bound: string): AwsError {
  return kmsConstraint(name, `Member must have length ${bound}`);
}

export function requiredBlob(params: JsonObject, name: string, rule: Omit<BlobRule, "required">): Buffer {
  // A literal, not a spread of `rule`: Node 20 copies a spread through a slow path, per request.
  return optionalBlob(params, name, { required: true, min: rule.min, max: rule.max, sensitive: rule.sensitive })!;
}

export function optionalInteger(params: JsonObject, name: string, rule: { min?: number; max?: number; required?: boolean } = {}): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) {
    if (rule.required) throw validationError(memberName(name), null, "Member must not be null");
    return undefined;
  }
  if (typeof value !== "number" || !Number.isInteger(value)) throw serialization(name, "an integer");
  if (rule.min !== undefined && value < rule.min) throw validationError(memberName(name), String(value), `Member must have value greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && value > rule.max) throw validationError(memberName(name), String(value), `Member must have value less than or equal to ${rule.max}`);
  return value;
}

export function optionalBoolean(params: JsonObject, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw serialization(name, "a boolean");
  return value;
}

export function optionalStringList(params: JsonObject, name: string, rule: { max?: number; itemMin?: number; itemMax?: number } = {}): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw serialization(name, "a list");
  if (rule.max !== undefined && value.length > rule.max) {
    throw validationError(memberName(name), `[${value.join(", ")}]`, `Member must have length less than or equal to ${rule.max}`);
  }
  return value.map((item, i) => {
    if (typeof item !== "string") throw serialization(`${name}.${i + 1}`, "a string");
    if (rule.itemMin !== undefined && item.length < rule.itemMin) throw validationError(`${memberName(name)}.${i + 1}.member`, item, `Member must have length greater than or equal to ${rule.itemMin}`);
    if (rule.itemMax !== undefined && item.length > rule.itemMax) throw validationError(`${memberName(name)}.${i + 1}.member`, item, `Member must have length less than or equal to ${rule.itemMax}`);
    return item;
  });
}

/** A map of strings (EncryptionContext): null-prototype, values checked to be strings. */
export function optionalStringMap(params: JsonObject, name: string): Record<string, string> | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw serialization(name, "a map");
  const map: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string") throw serialization(`${name}.${k}`, "a string");
    map[k] = v;
  }
  return map;
}
