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

export function parseJsonBody(body: Buffer): JsonObject {
  if (body.length === 0) return Object.create(null) as JsonObject;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"), (key, value: unknown) => (key === "__proto__" ? undefined : value));
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

export function renderJsonResponse(result: unknown): string {
  if (result === undefined || result === null) return "{}";
  return JSON.stringify(result, replacer);
}

export function renderJsonError(error: AwsError): string {
  const body: Record<string, string> = { __type: error.code };
  if (error.message !== "") body["message"] = error.message;
  return JSON.stringify(body);
}
