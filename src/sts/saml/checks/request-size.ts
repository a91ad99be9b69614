// AssumeRoleWithSAML's SAMLAssertion is 4 to 100000 characters (botocore's SAMLAssertionType).
// Checked first, before anything is decoded, so an oversized request costs nothing.
import { StsSamlError } from "../errors.ts";
import { LIMITS } from "../constants.ts";

function constraint(rule: string): StsSamlError {
  return new StsSamlError(
    "ValidationError",
    `1 validation error detected: Value at 'SAMLAssertion' failed to satisfy constraint: Member must have length ${rule}`,
    "assertion-length",
  );
}

export function checkRequestSize(samlAssertion: unknown): string {
  if (typeof samlAssertion !== "string") throw constraint(`greater than or equal to ${LIMITS.assertionMinChars}`);
  if (samlAssertion.length < LIMITS.assertionMinChars) throw constraint(`greater than or equal to ${LIMITS.assertionMinChars}`);
  if (samlAssertion.length > LIMITS.assertionMaxChars) throw constraint(`less than or equal to ${LIMITS.assertionMaxChars}`);
  return samlAssertion;
}
