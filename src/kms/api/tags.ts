// Tags as KMS takes them (CreateKey, TagResource): TagKey 1–128 characters, TagValue 0–256, both
// required (the model's ValidationException otherwise), at most 50 per key, no "aws:" prefix on keys
// (TagException).
import type { JsonObject } from "../../protocol/index.ts";
import type { ContextValue } from "../../policy/index.ts";
import { kmsError, validationError } from "../errors.ts";
import { memberName, serialization } from "./params.ts";
import type { KmsTag } from "../model/types.ts";

export const MAX_TAGS = 50;

/** One tag's member as the model types it (TagKey 1–128 and TagValue 0–256 characters, both required). */
function tagMember(tag: Record<string, unknown>, name: "TagKey" | "TagValue", path: string, max: number): string {
  const value = tag[name];
  const member = `${path}.${memberName(name)}`;
  if (value === undefined || value === null) throw validationError(member, null, "Member must not be null");
  if (typeof value !== "string") throw serialization(name, "a string");
  if (name === "TagKey" && value.length < 1) throw validationError(member, value, "Member must have length greater than or equal to 1");
  if (value.length > max) throw validationError(member, value, `Member must have length less than or equal to ${max}`);
  return value;
}

export function readTags(params: JsonObject, name: string): KmsTag[] {
  const value = params[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw serialization(name, "a list");
  const seen = new Map<string, KmsTag>();
  value.forEach((item, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) throw serialization(`${name}.${i + 1}`, "a structure");
    const path = `${memberName(name)}.${i + 1}.member`;
    const TagKey = tagMember(item as Record<string, unknown>, "TagKey", path, 128);
    const TagValue = tagMember(item as Record<string, unknown>, "TagValue", path, 256);
    if (TagKey.toLowerCase().startsWith("aws:")) throw kmsError("TagException", "Tags beginning with aws: are reserved");
    seen.set(TagKey, { TagKey, TagValue });
  });
  if (seen.size > MAX_TAGS) throw kmsError("LimitExceededException", `The request would exceed the limit of ${MAX_TAGS} tags per KMS key.`);
  return [...seen.values()];
}

/** The condition keys of tags in a request (TagResource, CreateKey): aws:RequestTag/<key> and aws:TagKeys. */
export function requestTagConditions(tags: readonly KmsTag[]): Record<string, ContextValue> {
  const conditions: Record<string, ContextValue> = { "aws:TagKeys": tags.map((t) => t.TagKey) };
  for (const tag of tags) conditions[`aws:RequestTag/${tag.TagKey}`] = tag.TagValue;
  return conditions;
}
