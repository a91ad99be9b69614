// Principal and NotPrincipal values as IAM checks them: `*`; an account id or root ARN; a user,
// role, assumed-role session or federated-user ARN without wildcards; a unique id (AIDA…/AROA…,
// which IAM shows once the named entity is gone); a service principal (`ec2.amazonaws.com`); a
// SAML or OIDC provider ARN or a web identity provider's domain; a 64-hex canonical user. IAM also
// refuses an ARN naming a user, role or provider that does not exist: `exists` answers that.
import type { PrincipalElement } from "./types.ts";

export type PrincipalExists = (arn: string, type: "AWS" | "Federated") => boolean;

const ACCOUNT = /^\d{12}$/;
const ROOT = /^arn:aws:iam::\d{12}:root$/;
const NAME = "[\\w+=,.@-]+";
const IAM_ENTITY = new RegExp(`^arn:aws:iam::\\d{12}:(user|role)/(${NAME}/)*${NAME}$`);
const STS_SESSION = new RegExp(`^arn:aws:sts::\\d{12}:(assumed-role/${NAME}/${NAME}|federated-user/${NAME})$`);
const UNIQUE_ID = /^A(IDA|ROA)[A-Z0-9]{16,}$/;
const SERVICE = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com)$/;
const PROVIDER = new RegExp(`^arn:aws:iam::\\d{12}:(saml-provider/${NAME}|oidc-provider/[^\\s*?]+)$`);
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[^\s*?]*)?$/i;
const CANONICAL = /^[0-9a-f]{64}$/;

function awsValid(id: string, exists: PrincipalExists | undefined): boolean {
  if (id === "*" || ACCOUNT.test(id) || ROOT.test(id) || STS_SESSION.test(id) || UNIQUE_ID.test(id)) return true;
  if (IAM_ENTITY.test(id)) return exists ? exists(id, "AWS") : true;
  return false;
}

function federatedValid(id: string, exists: PrincipalExists | undefined): boolean {
  if (PROVIDER.test(id)) return exists ? exists(id, "Federated") : true;
  return !id.startsWith("arn:") && DOMAIN.test(id);
}

type IdCheck = (id: string, exists: PrincipalExists | undefined) => boolean;

const CHECKS: ReadonlyMap<string, IdCheck> = new Map<string, IdCheck>([
  ["AWS", awsValid],
  ["Federated", federatedValid],
  ["Service", (id) => SERVICE.test(id)],
  ["CanonicalUser", (id) => CANONICAL.test(id)],
]);

/** The first invalid principal as AWS names it (`["AWS", "arn:…"]`), or undefined. */
export function invalidPrincipal(element: PrincipalElement, exists: PrincipalExists | undefined): [string, string] | undefined {
  if (element === "*") return undefined;
  for (const [type, value] of Object.entries(element)) {
    const check = CHECKS.get(type);
    for (const id of Array.isArray(value) ? value : [value as string]) {
      if (!check || !check(id, exists)) return [type, id];
    }
  }
  return undefined;
}
