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

/** Printable ASCII without `"` or `\\`: the text JSON.stringify would write between the quotes unchanged. */
const PLAIN_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Member names as they are written, `"Name":` (the shapes' names are few: kept once written). */
const memberNames = new Map<string, string>();
const MEMBER_NAME_LIMIT = 1000;
function memberName(key: string): string {
  let written = memberNames.get(key);
  if (written === undefined) {
    written = JSON.stringify(key) + ":";
    if (memberNames.size < MEMBER_NAME_LIMIT) memberNames.set(key, written);
  }
  return written;
}

/** Set when `wireJson` meets something it does not render: then the replacer renders the whole result. */
const UNWRITTEN = Symbol("unwritten");
const MAX_DEPTH = 64;

/**
 * The result's JSON text, with its blobs as base64 and its times as epoch seconds, for results
 * made of plain objects, arrays and primitives (every operation's output); undefined where
 * JSON.stringify leaves a value out (undefined, functions, symbols). A blob's base64 goes into the
 * text as it is: it holds no character JSON escapes, and JSON.stringify would scan it character
 * by character (a 1 KB ciphertext costs it several times the encoding itself). Anything else
 * (class instances, objects with a toJSON of their own, bigints, cycles) is UNWRITTEN, and the
 * replacer renders the result as it always did.
 */
function wireJson(value: unknown, depth: number): string | undefined | typeof UNWRITTEN {
  switch (typeof value) {
    case "string":
      return PLAIN_TEXT.test(value) ? `"${value}"` : JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return JSON.stringify(value);
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "bigint":
      return UNWRITTEN;
  }
  if (value === null) return "null";
  if (value instanceof Uint8Array) return `"${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64")}"`;
  if (value instanceof Date) return JSON.stringify(value.getTime() / 1000);
  if (depth >= MAX_DEPTH) return UNWRITTEN;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype) return UNWRITTEN;
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      const item = wireJson(value[i], depth + 1);
      if (item === UNWRITTEN) return UNWRITTEN;
      text += (i === 0 ? "" : ",") + (item ?? "null");
    }
    return text + "]";
  }
  if ((prototype !== Object.prototype && prototype !== null) || "toJSON" in (value as object)) return UNWRITTEN;
  let text = "{";
  for (const key of Object.keys(value as object)) {
    if (key === "__proto__") return UNWRITTEN;
    const member = wireJson((value as Record<string, unknown>)[key], depth + 1);
    if (member === UNWRITTEN) return UNWRITTEN;
    if (member === undefined) continue;
    text += (text.length === 1 ? "" : ",") + memberName(key) + member;
  }
  return text + "}";
}

export function renderJsonResponse(result: unknown): string {
  if (result === undefined || result === null) return "{}";
  const text = wireJson(result, 0);
  return text === UNWRITTEN || text === undefined ? (JSON.stringify(result, replacer) ?? "{}") : text;
}

export function renderJsonError(error: AwsError): string {
  const body: Record<string, string> = { __type: error.code };
  if (error.message !== "") body["message"] = error.message;
  return JSON.stringify(body);
}
