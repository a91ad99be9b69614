// Imported key material that expires (ValidTo): when it does, the key goes to PendingImport and
// its material is deleted. (Filled in by the import work.)
import type { KmsKey } from "../model/types.ts";
import type { KmsDeps } from "./context.ts";

/** Expires imported material whose ValidTo has passed at `now`; returns the key as it is after. */
export async function expireIfDue(_deps: KmsDeps, key: KmsKey, _now: Date): Promise<KmsKey> {
  return key;
}
