// AWS JSON 1.1 (KMS): the operation comes in X-Amz-Target ("TrentService.Encrypt"), the input is a
// JSON object (an empty body is {}), the output a JSON object; blobs travel as base64 and
// timestamps as epoch seconds. Errors: the status, and {"__type": code, "message": text}.
import { AwsError } from "../errors/aws-error.ts";

export const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

export type JsonObject = { [name: string]: unknown };

/** "TrentService.Encrypt" → { prefix: "TrentService", operation: "Encrypt" }. */
export function splitTarget(target: string | undefined): { prefix: string; operation: string } | undefined {
  if (target === undefined) return undefined;
  const dot = target.lastIndexOf(".");
  if (dot <= 0 || dot === target.length - 1) return undefined;
  return { prefix: target.slice(0, dot), operation: target.slice(dot + 1) };
}

/** Drops members named "__proto__" (JSON.parse makes them own members; nothing should read them). */
const withoutProto = (key: string, value: unknown): unknown => (key === "__proto__" ? undefined : value);

export function parseJsonBody(body: Buffer): JsonObject {
  if (body.length === 0) return Object.create(null) as JsonObject;
  const text = body.toString("utf8");
  let parsed: unknown;
  try {
    // A member can be named "__proto__" only if the text spells it, plainly or with escapes: a
    // body with neither is parsed without the reviver (which costs a call per value).
    parsed = text.includes("__proto__") || text.includes("\\") ? JSON.parse(text, withoutProto) : JSON.parse(text);
  } catch {
    throw new AwsError("SerializationException", "The request body could not be read as JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AwsError("SerializationException", "Start of structure or map found where not expected.");
  }
  return parsed as JsonObject;
}

function replacer(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Uint8Array) return Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString("base64");
  if (original instanceof Date) return original.getTime() / 1000;
  return value;
}

/** Set when `wireForm` meets something it does not copy: then the replacer renders the whole result. */
const UNCOPIED = Symbol("uncopied");
const MAX_COPY_DEPTH = 64;

/**
 * The result with its blobs as base64 and its times as epoch seconds, for results made of plain
 * objects, arrays and primitives (every operation's output): JSON.stringify then needs no
 * replacer, which it would call once per value, after calling each Buffer's toJSON (an array of
 * every byte). Anything else (class instances, objects with a toJSON of their own, cycles) is
 * UNCOPIED, and the replacer renders the result as it always did.
 */
function wireForm(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  if (value instanceof Date) return value.getTime() / 1000;
  if (depth >= MAX_COPY_DEPTH) return UNCOPIED;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype) return UNCOPIED;
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = wireForm(value[i], depth + 1);
      if (item === UNCOPIED) return UNCOPIED;
      out[i] = item;
    }
    return out;
  }
  if ((prototype !== Object.prototype && prototype !== null) || "toJSON" in value) return UNCOPIED;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === "__proto__") return UNCOPIED;
    const member = wireForm((value as Record<string, unknown>)[key], depth + 1);
    if (member === UNCOPIED) return UNCOPIED;
    out[key] = member;
  }
  return out;
}

export function renderJsonResponse(result: unknown): string {
  if (result === undefined || result === null) return "{}";
  const copied = wireForm(result, 0);
  return copied === UNCOPIED ? JSON.stringify(result, replacer) : JSON.stringify(copied);
}

export function renderJsonError(error: AwsError): string {
  const body: Record<string, string> = { __type: error.code };
  if (error.message !== "") body["message"] = error.message;
  return JSON.stringify(body);
}
