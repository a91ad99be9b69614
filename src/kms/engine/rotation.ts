// Rotation: a new backing key becomes the key's current one; older ones stay to decrypt.
// (Filled in by the rotation work: rotateNow, rotateDue.)
import type { KmsKey } from "../model/types.ts";
import type { KmsDeps } from "./context.ts";

/** Rotates the key now if its automatic rotation is due at `now`; returns the key as it is after. */
export async function rotateIfDue(_deps: KmsDeps, key: KmsKey, _now: Date): Promise<KmsKey> {
  return key;
}

/** Rotates every key whose automatic rotation is due by `now`; returns how many. */
export async function rotateDue(_deps: KmsDeps, _now: Date): Promise<number> {
  return 0;
}
