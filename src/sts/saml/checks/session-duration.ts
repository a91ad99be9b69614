// The optional SessionDuration attribute is one integer of seconds, 900 to 43200 (IAM: SAML
// SessionDuration attribute). It caps the session; STS applies it with DurationSeconds, the role's
// MaxSessionDuration and SessionNotOnOrAfter.
import { StsSamlError } from "../errors.ts";
import { AWS_ATTRIBUTE, LIMITS } from "../constants.ts";
import { singleValue, type SamlAttributes } from "./attributes.ts";

export function checkSessionDuration(attributes: SamlAttributes): number | undefined {
  const value = singleValue(attributes, AWS_ATTRIBUTE.sessionDuration);
  if (value === undefined) return undefined;
  const seconds = value !== null && /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!(seconds >= LIMITS.sessionDurationMin && seconds <= LIMITS.sessionDurationMax)) {
    throw new StsSamlError(
      "InvalidIdentityToken",
      `SessionDuration in AuthnResponse must be an integer from ${LIMITS.sessionDurationMin} to ${LIMITS.sessionDurationMax}`,
      "session-duration",
    );
  }
  return seconds;
}
