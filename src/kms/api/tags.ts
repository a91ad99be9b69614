// Tags as KMS takes them (CreateKey, TagResource): TagKey 1–128 characters, TagValue 0–256, at most
// 50 per key, no "aws:" prefix on keys.
import type { JsonObject } from "../../protocol/index.ts";
import { kmsError } from "../errors.ts";
import type { KmsTag } from "../model/types.ts";

export const MAX_TAGS = 50;

export function readTags(params: JsonObject, name: string): KmsTag[] {
  const value = params[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw kmsError("ValidationException", `${name} must be a list of tags.`);
  const seen = new Map<string, KmsTag>();
  for (const item of value) {
    if (typeof item !== "object" || item === null) throw kmsError("ValidationException", "Each tag must have a TagKey and a TagValue.");
    const { TagKey, TagValue } = item as Record<string, unknown>;
    if (typeof TagKey !== "string" || typeof TagValue !== "string") throw kmsError("ValidationException", "Each tag must have a TagKey and a TagValue.");
    if (TagKey.length < 1 || TagKey.length > 128) throw kmsError("TagException", `Tag key must be between 1 and 128 characters: ${TagKey.slice(0, 128)}`);
    if (TagValue.length > 256) throw kmsError("TagException", `Tag value must be at most 256 characters for tag key ${TagKey}`);
    if (TagKey.toLowerCase().startsWith("aws:")) throw kmsError("TagException", "Tags beginning with aws: are reserved");
    seen.set(TagKey, { TagKey, TagValue });
  }
  if (seen.size > MAX_TAGS) throw kmsError("LimitExceededException", `The request would exceed the limit of ${MAX_TAGS} tags per KMS key.`);
  return [...seen.values()];
}
