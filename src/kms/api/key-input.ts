// The members every key operation reads the same way: KeyId (1–2048 characters), the encryption
// context, grant tokens.
import type { JsonObject } from "../../protocol/index.ts";
import { checkEncryptionContext, type EncryptionContext } from "../engine/encryption-context.ts";
import { optionalStringMap, requiredString } from "./params.ts";

export function readKeyId(params: JsonObject, name = "KeyId"): string {
  return requiredString(params, name, { max: 2048 });
}

export function readEncryptionContext(params: JsonObject, name = "EncryptionContext"): EncryptionContext | undefined {
  const context = optionalStringMap(params, name);
  checkEncryptionContext(context);
  return context;
}
