// An assertion is used once: its ID, already used, is refused while the assertion is still valid
// (federa's rule; SAML profiles §4.1.4.5 asks the same of bearer assertions). Keyed by Issuer and
// ID, so one IdP cannot burn another's IDs; checked last, so only a fully valid use counts.
import { StsSamlError } from "../errors.ts";
import type { ReplayCache } from "../replay-cache.ts";

export function replayKey(issuer: string, assertionId: string): string {
  return `${issuer}\n${assertionId}`;
}

export async function checkReplay(replay: ReplayCache, issuer: string, assertionId: string, validUntil: Date, now: Date): Promise<void> {
  if (await replay.seen(replayKey(issuer, assertionId), validUntil, now)) {
    throw new StsSamlError("InvalidIdentityToken", "The SAML assertion has already been used", "replay");
  }
}
