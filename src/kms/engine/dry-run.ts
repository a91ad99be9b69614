// DryRun: a request that would have succeeded answers DryRunOperationException (HTTP 412) instead,
// after every check (input, authorization, key state, usage, algorithm) and before any
// cryptography. A request that would fail still fails with its own error. Decrypt and ReEncrypt
// also take DryRunModifiers: with IGNORE_CIPHERTEXT (and DryRun) only the caller's permissions are
// checked, against the key the request names, and no ciphertext is needed.
import { AwsError, type JsonObject } from "../../protocol/index.ts";
import { optionalBoolean, optionalStringList } from "../api/params.ts";
import { validationError } from "../errors.ts";

const DRY_RUN_MODIFIERS = ["IGNORE_CIPHERTEXT"];

export function readDryRun(params: JsonObject): boolean {
  return optionalBoolean(params, "DryRun") ?? false;
}

/** Throws DryRunOperationException when the request asked for a dry run. */
export function stopIfDryRun(dryRun: boolean): void {
  if (dryRun) throw new AwsError("DryRunOperationException", "The request would have succeeded, but the DryRun option is set.", { status: 412 });
}

/**
 * DryRunModifiers, checked against AWS's enum: true when the request is a dry run that ignores its
 * ciphertext (the modifiers apply only with DryRun).
 */
export function ignoresCiphertext(params: JsonObject, dryRun: boolean): boolean {
  const modifiers = optionalStringList(params, "DryRunModifiers") ?? [];
  const unknown = modifiers.find((m) => !DRY_RUN_MODIFIERS.includes(m));
  if (unknown !== undefined) {
    throw validationError("dryRunModifiers", `[${modifiers.join(", ")}]`, `Member must satisfy constraint: [Member must satisfy enum value set: [${DRY_RUN_MODIFIERS.join(", ")}]]`);
  }
  return dryRun && modifiers.includes("IGNORE_CIPHERTEXT");
}
