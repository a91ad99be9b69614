// The claim model (a claim as AD FS's claims engine sees it), the attribute-store interface that
// rules query, and the compiled rule set's interface.
import { AD_AUTHORITY, LOCAL_AUTHORITY, WINDOWS_ACCOUNT_NAME, XML_SCHEMA_STRING } from "./claim-types.ts";

export interface Claim {
  type: string;
  value: string;
  valueType: string;
  issuer: string;
  originalIssuer: string;
  /** Claim properties by URI, e.g. the NameID format of a nameidentifier claim. */
  properties: Record<string, string>;
}

/**
 * An attribute store, as named by `store = "..."` in a rule. The query text and parameters are the
 * rule's, unchanged (`";mail,tokenGroups;{0}"`, `["CORP\\alice"]`); the store formats `{0}`, `{1}`...
 * The answer has one array per requested attribute, in the query's order (column i → the rule's
 * claim type i), each holding that attribute's values (possibly none).
 */
export interface AttributeStore {
  /** The Issuer (and OriginalIssuer) of the claims made from this store's answers; LOCAL AUTHORITY when absent. */
  readonly issuer?: string;
  query(query: string, params: string[]): Promise<string[][]>;
}

export interface ClaimRuleSet {
  /** The name given to compileClaimRules (a file name, say), for messages. */
  readonly source: string | undefined;
  readonly ruleCount: number;
  /** The attribute stores the rules name, so a caller can check at start-up that it supplies them. */
  readonly storeNames: readonly string[];
  /**
   * Runs the rules in order over the input claims and the claims earlier rules added or issued;
   * resolves to the issued claims, in order. Rejects with ClaimRulesUnknownStoreError when a rule
   * names a store missing from `stores`, and passes a store's own errors through unchanged.
   */
  evaluate(input: readonly Claim[], stores?: Readonly<Record<string, AttributeStore>>): Promise<Claim[]>;
}

export type ClaimInit = Partial<Omit<Claim, "type" | "value">>;

/** A claim with AD FS's defaults: ValueType xs:string, Issuer LOCAL AUTHORITY, OriginalIssuer = Issuer. */
export function createClaim(type: string, value: string, init: ClaimInit = {}): Claim {
  const issuer = init.issuer ?? LOCAL_AUTHORITY;
  return {
    type,
    value,
    valueType: init.valueType ?? XML_SCHEMA_STRING,
    issuer,
    originalIssuer: init.originalIssuer ?? issuer,
    properties: { ...init.properties },
  };
}

/** The claim a directory login yields, as AD FS's Windows/forms authentication does: `CORP\alice` from AD AUTHORITY. */
export function windowsAccountNameClaim(domain: string, username: string): Claim {
  return createClaim(WINDOWS_ACCOUNT_NAME, domain === "" ? username : `${domain}\\${username}`, { issuer: AD_AUTHORITY });
}
