// Rotation: a new backing key becomes the key's current one (Encrypt uses it); older ones stay, so
// every ciphertext made under them still decrypts (a ciphertext names its backing key). Automatic
// rotation happens on time, when the key is read (rotateIfDue) or by the scheduler's sweep
// (rotateDue); on-demand rotation at most 25 times per key. Only symmetric encryption keys rotate:
// of origin AWS_KMS automatically and on demand, of origin EXTERNAL on demand to material imported
// for it (imported-rotation.ts). AWS managed keys rotate yearly and their rotation cannot be changed.
import { randomKeyMaterial } from "../../crypto/index.ts";
import { kmsError } from "../errors.ts";
import type { KmsKey } from "../model/types.ts";
import type { KmsDeps } from "./context.ts";
import { keyRow, loadKey } from "./keys.ts";
import { wrapBackingKey } from "./material.ts";

export const DAY_MS = 86_400_000;
/** RotationPeriodInDays when EnableKeyRotation names none, and AWS managed keys' period. */
export const DEFAULT_ROTATION_DAYS = 365;
export const MIN_ROTATION_DAYS = 90;
export const MAX_ROTATION_DAYS = 2560;
/** On-demand rotations per key (not adjustable in AWS). */
export const ON_DEMAND_LIMIT = 25;

export type RotationType = "AUTOMATIC" | "ON_DEMAND";

/** Symmetric encryption keys: the only ones that rotate. */
export function isSymmetricEncryption(key: KmsKey): boolean {
  return key.keySpec === "SYMMETRIC_DEFAULT" && key.keyUsage === "ENCRYPT_DECRYPT";
}

/** AWS's refusal of a key whose origin forbids the operation. */
export function originNotValid(key: KmsKey): Error {
  return kmsError("UnsupportedOperationException", `${key.arn} origin is ${key.origin} which is not valid for this operation.`);
}

/**
 * For the operations that change rotation (EnableKeyRotation, DisableKeyRotation,
 * RotateKeyOnDemand), after the AWS managed key check and authorization: keys of another origin
 * and keys of another spec are refused with UnsupportedOperationException (AWS sends the latter
 * without a message).
 */
export function requireRotatable(key: KmsKey, origins: readonly KmsKey["origin"][] = ["AWS_KMS"]): void {
  if (!origins.includes(key.origin)) throw originNotValid(key);
  if (!isSymmetricEncryption(key)) throw kmsError("UnsupportedOperationException", "");
}

/** RotateKeyOnDemand also rotates keys of origin EXTERNAL, to key material imported for it. */
export const ON_DEMAND_ORIGINS: readonly KmsKey["origin"][] = ["AWS_KMS", "EXTERNAL"];

/**
 * Adds a new backing key to the key and makes it current, in one transaction with `change`, which
 * sees the key as stored at that moment: it returns false to leave the key alone (nothing was due
 * after all), or throws to refuse. Returns the key as it is after, or undefined if it is gone.
 */
export async function rotateNow(deps: KmsDeps, keyId: string, now: Date, type: RotationType, change: (key: KmsKey) => boolean = () => true): Promise<{ key: KmsKey; rotated: boolean } | undefined> {
  const row = await wrapBackingKey(deps, keyId, randomKeyMaterial(32), now, { rotationType: type });
  return deps.repo.transaction(async (tx) => {
    const key = await loadKey(tx, keyId);
    if (!key) return undefined;
    if (!change(key)) return { key, rotated: false };
    await tx.addBackingKey(row);
    key.currentBackingKeyId = row.backingKeyId;
    await tx.putKey(keyRow(key));
    return { key, rotated: true };
  });
}

/** Whether the key's automatic rotation is due at `now`. A disabled key waits: it rotates when enabled again. */
function isDue(key: KmsKey, now: Date): boolean {
  return key.state === "Enabled" && key.rotation.enabled && key.rotation.nextRotationAt !== undefined && key.rotation.nextRotationAt <= now.getTime() && isSymmetricEncryption(key);
}

/** The automatic rotation of a key that is due; the next one is a period later. */
async function rotateScheduled(deps: KmsDeps, key: KmsKey, now: Date): Promise<KmsKey> {
  const result = await rotateNow(deps, key.keyId, now, "AUTOMATIC", (fresh) => {
    if (!isDue(fresh, now)) return false;
    fresh.rotation.nextRotationAt = now.getTime() + fresh.rotation.periodDays * DAY_MS;
    return true;
  });
  return result?.key ?? key;
}

/** Rotates the key now if its automatic rotation is due at `now`; returns the key as it is after. */
export async function rotateIfDue(deps: KmsDeps, key: KmsKey, now: Date): Promise<KmsKey> {
  return isDue(key, now) ? rotateScheduled(deps, key, now) : key;
}

const SWEEP_BATCH = 500;

/**
 * Rotates every key whose automatic rotation is due by `now`; returns how many. Disabled keys stay
 * due (they rotate when enabled again), so the sweep goes on only while a batch rotates something.
 */
export async function rotateDue(deps: KmsDeps, now: Date): Promise<number> {
  let count = 0;
  for (;;) {
    const due = await deps.repo.keysDueForRotation(now, SWEEP_BATCH);
    let rotated = 0;
    for (const row of due) {
      const key = row.document as KmsKey;
      if (!isDue(key, now)) continue;
      const after = await rotateScheduled(deps, key, now);
      if (after.currentBackingKeyId !== key.currentBackingKeyId) rotated++;
    }
    count += rotated;
    if (due.length < SWEEP_BATCH || rotated === 0) return count;
  }
}

/**
 * Turns automatic rotation on (365 days unless a period is given, as AWS documents it), or changes
 * its period: the next rotation is then a period after the last one (or after now, when it was off).
 */
export async function enableRotation(deps: KmsDeps, keyId: string, periodDays: number | undefined, now: Date): Promise<KmsKey | undefined> {
  return deps.repo.transaction(async (tx) => {
    const key = await loadKey(tx, keyId);
    if (!key) return undefined;
    const r = key.rotation;
    const period = periodDays ?? DEFAULT_ROTATION_DAYS;
    if (r.enabled && r.nextRotationAt !== undefined) {
      r.nextRotationAt = r.nextRotationAt - r.periodDays * DAY_MS + period * DAY_MS;
    } else {
      r.nextRotationAt = now.getTime() + period * DAY_MS;
    }
    r.enabled = true;
    r.periodDays = period;
    await tx.putKey(keyRow(key));
    return key;
  });
}

/** Turns automatic rotation off; the period is forgotten (EnableKeyRotation starts afresh). */
export async function disableRotation(deps: KmsDeps, keyId: string): Promise<KmsKey | undefined> {
  return deps.repo.transaction(async (tx) => {
    const key = await loadKey(tx, keyId);
    if (!key) return undefined;
    key.rotation.enabled = false;
    delete key.rotation.nextRotationAt;
    key.rotation.periodDays = DEFAULT_ROTATION_DAYS;
    await tx.putKey(keyRow(key));
    return key;
  });
}

/** Counts one on-demand rotation of the key as stored, within its quota of 25 (LimitExceededException after). */
export function countOnDemandRotation(fresh: KmsKey): void {
  if (fresh.rotation.onDemandCount >= ON_DEMAND_LIMIT) {
    throw kmsError("LimitExceededException", `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${fresh.arn}`);
  }
  fresh.rotation.onDemandCount += 1;
}

/** One on-demand rotation of a key of origin AWS_KMS: new material, made current. */
export async function rotateOnDemand(deps: KmsDeps, keyId: string, now: Date): Promise<KmsKey | undefined> {
  const result = await rotateNow(deps, keyId, now, "ON_DEMAND", (fresh) => {
    countOnDemandRotation(fresh);
    return true;
  });
  return result?.key;
}
