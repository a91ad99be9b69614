// The assertion's claims, checked in AWS's order of concerns: who issued it, whom it names, for
// whom and until when it is valid, which role it grants, and the session it asks for. The pipeline
// runs these checks twice: on the assertion as received, before any signature work, so that a
// refusal stays cheap (refusing on unsigned bytes grants nothing); then on the signed bytes, and
// only that second result is used.
import type { Element } from "../../xml/index.ts";
import type { SamlCheckInput } from "./types.ts";
import { checkIssuer } from "./checks/issuer.ts";
import { checkSubject } from "./checks/subject.ts";
import { checkBearerConfirmation } from "./checks/bearer-confirmation.ts";
import { checkConditions } from "./checks/conditions.ts";
import { checkAudience } from "./checks/audience.ts";
import { checkIssueInstant } from "./checks/issue-instant.ts";
import { readAttributes } from "./checks/attributes.ts";
import { checkRolePair } from "./checks/role-pair.ts";
import { checkRoleSessionName } from "./checks/role-session-name.ts";
import { checkSessionDuration } from "./checks/session-duration.ts";
import { checkSourceIdentity } from "./checks/source-identity.ts";
import { checkSessionTags } from "./checks/session-tags.ts";
import { checkSessionNotOnOrAfter } from "./checks/session-not-on-or-after.ts";
import { mapConditionKeys } from "./checks/condition-keys.ts";

export type AssertionClaims = ReturnType<typeof checkClaims>;

export function checkClaims(response: Element, assertion: Element, input: SamlCheckInput, skewMs: number) {
  const { now, provider } = input;
  const { assertionId, issuer } = checkIssuer(response, assertion, provider.entityId);
  const { subject, subjectType } = checkSubject(assertion);
  const { recipient, notOnOrAfter } = checkBearerConfirmation(assertion, input.acceptedRecipients, now, skewMs);
  const validity = checkConditions(assertion, now, skewMs);
  const audience = checkAudience(validity.conditions, [...input.acceptedRecipients, ...(input.acceptedAudiences ?? [])]);
  const redeemBy = checkIssueInstant(assertion, now, skewMs);
  const attributes = readAttributes(assertion);
  checkRolePair(attributes, input.roleArn, input.principalArn);
  const roleSessionName = checkRoleSessionName(attributes);
  const sessionDurationSeconds = checkSessionDuration(attributes);
  const sourceIdentity = checkSourceIdentity(attributes);
  const { principalTags, transitiveTagKeys } = checkSessionTags(attributes);
  const sessionNotOnOrAfter = checkSessionNotOnOrAfter(assertion, now);
  const conditionKeys = mapConditionKeys({ recipient, issuer, subject, subjectType, provider, attributes });
  // The last instant the assertion could be accepted: how long the replay cache must remember it.
  const conditionsEnd = Number.isNaN(validity.notOnOrAfter) ? Infinity : validity.notOnOrAfter + skewMs;
  const validUntil = new Date(Math.min(notOnOrAfter + skewMs, redeemBy, conditionsEnd));
  return {
    assertionId,
    issuer,
    subject,
    subjectType,
    recipient,
    audience,
    roleSessionName,
    sessionDurationSeconds,
    sessionNotOnOrAfter,
    sourceIdentity,
    principalTags,
    transitiveTagKeys,
    conditionKeys,
    validUntil,
  };
}
