// From the claim rules' output to what goes into an assertion: the NameID and the attributes.
// For AWS, the checks AWS itself will make on the attributes are made here first, so a user sees a
// clear page instead of AWS's refusal.
import { FederaError } from "../shared/index.ts";
import { AWS_ROLE, AWS_ROLE_SESSION_NAME, AWS_SESSION_DURATION, NAME_IDENTIFIER, NAME_ID_FORMAT_PROPERTY, type Claim } from "./claims/index.ts";
import type { ServiceProvider } from "./service-providers.ts";

const ROLE_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export interface SamlSubject {
  nameId: { value: string; format: string };
  attributes: { name: string; values: string[] }[];
}

export type IssuanceErrorCode = "IDP_NO_AWS_ROLE" | "IDP_NO_NAME_ID" | "IDP_BAD_ROLE_SESSION_NAME";

export class IssuanceError extends FederaError {
  declare readonly code: IssuanceErrorCode;
  constructor(code: IssuanceErrorCode, message: string) {
    super(code, message, { status: 403 });
  }
}

export function claimsToSaml(claims: Claim[], sp: ServiceProvider, sessionDurationSeconds: number): SamlSubject {
  const nameIdClaim = claims.find((c) => c.type === NAME_IDENTIFIER);
  if (!nameIdClaim) throw new IssuanceError("IDP_NO_NAME_ID", "The claim rules issued no name identifier for this user.");
  const attributes = new Map<string, string[]>();
  for (const claim of claims) {
    if (claim.type === NAME_IDENTIFIER) continue;
    const values = attributes.get(claim.type) ?? [];
    if (!values.includes(claim.value)) values.push(claim.value);
    attributes.set(claim.type, values);
  }
  if (sp.isAws) checkForAws(attributes, sessionDurationSeconds);
  return {
    nameId: { value: nameIdClaim.value, format: nameIdClaim.properties[NAME_ID_FORMAT_PROPERTY] ?? sp.config.nameIdFormat },
    attributes: [...attributes].map(([name, values]) => ({ name, values })),
  };
}

function checkForAws(attributes: Map<string, string[]>, sessionDurationSeconds: number): void {
  if (!attributes.get(AWS_ROLE)?.length) {
    throw new IssuanceError("IDP_NO_AWS_ROLE", "Your account has no AWS role.");
  }
  const names = attributes.get(AWS_ROLE_SESSION_NAME) ?? [];
  if (names.length !== 1 || !ROLE_SESSION_NAME.test(names[0]!)) {
    throw new IssuanceError("IDP_BAD_ROLE_SESSION_NAME", "Your account has no valid AWS role session name (2 to 64 letters, digits or +=,.@_- from the mail attribute).");
  }
  if (!attributes.has(AWS_SESSION_DURATION)) attributes.set(AWS_SESSION_DURATION, [String(sessionDurationSeconds)]);
}
