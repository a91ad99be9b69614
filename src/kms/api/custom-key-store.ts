// CustomKeyStoreId (CreateKey, GenerateRandom): federa has no custom key stores, CloudHSM or
// external, so a well-formed id names none: CustomKeyStoreNotFoundException, as AWS answers an
// unknown one.
import type { JsonObject } from "../../protocol/index.ts";
import { kmsError } from "../errors.ts";
import { optionalString } from "./params.ts";

export function refuseCustomKeyStore(params: JsonObject): void {
  const id = optionalString(params, "CustomKeyStoreId", { min: 1, max: 64 });
  if (id !== undefined) throw kmsError("CustomKeyStoreNotFoundException", `Custom key store ${id} does not exist.`);
}
