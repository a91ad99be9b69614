// Claim rules: the subset of the AD FS claim rule language that maps the directory to SAML
// attributes, with AWS's classic AD FS rules as the default rule set. Public face of
// src/idp/claims; everything else in this folder is internal.
//
// Grammar (keywords case-insensitive; `//` and `/* */` comments):
//   rule-set   = { { "@" name "=" string } rule }
//   rule       = [ conditions ] "=>" ( "issue" | "add" ) "(" params ")" ";"
//   conditions = selector { "&&" selector } | exists { "&&" exists }
//   selector   = [ tag ":" ] "[" [ test { "," test } ] "]"
//   exists     = [ "NOT" ] "EXISTS" "(" "[" [ test { "," test } ] "]" ")"
//   test       = field ( "==" | "!=" | "=~" | "!~" ) string
//   field      = Type | Value | ValueType | Issuer | OriginalIssuer | Properties "[" string "]"
//   params     = "claim" "=" tag
//              | assignment { "," assignment }                 (Type and Value required)
//              | "store" "=" string "," "types" "=" "(" string { "," string } ")" ","
//                "query" "=" string { "," "param" "=" value }  (in any order)
//   assignment = field "=" value
//   value      = term { "+" term }
//   term       = string | tag "." field | "RegExReplace" "(" value "," string "," string ")"
// Regexes are .NET's (translated, see regex.ts); `==` / `!=` compare case-insensitively.
import { parseClaimRules } from "./parser.ts";
import { compileRules } from "./compile.ts";
import { CompiledClaimRuleSet } from "./evaluate.ts";
import type { ClaimRuleSet } from "./claim.ts";

export type { AttributeStore, Claim, ClaimInit, ClaimRuleSet } from "./claim.ts";
export { createClaim, windowsAccountNameClaim } from "./claim.ts";
export * from "./claim-types.ts";
export {
  ClaimRulesParseError,
  ClaimRulesStoreError,
  ClaimRulesUnknownStoreError,
  ClaimRulesUnsupportedQueryError,
} from "./errors.ts";
export { createActiveDirectoryStore, type DirectoryUserLike, type ResolveAccount } from "./ad-store.ts";
export { DEFAULT_AWS_CLAIM_RULES } from "./default-aws.ts";

/**
 * Parses and compiles a rule set, once (at start-up). Throws ClaimRulesParseError, whose message
 * names the line and column: `claim rules: line 3, column 17: expected "=>", found "issue"`
 * (`claim rules (<source>): ...` when a source is given).
 */
export function compileClaimRules(text: string, source?: string): ClaimRuleSet {
  return new CompiledClaimRuleSet(compileRules(parseClaimRules(text, source), source), source);
}
