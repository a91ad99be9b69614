// parsePolicy: a JSON document in, a compiled Policy out, or a PolicyError with AWS's message.
// Validation is a declared pipeline: the grammar first, then IAM's checks in the order IAM reports
// them (validate-elements.ts), then compilation.
import { compilePolicy, type Policy } from "./compile.ts";
import { Messages, PolicyError } from "./errors.ts";
import type { PolicyKind } from "./types.ts";
import { checkSyntax } from "./validate-syntax.ts";
import {
  checkActionsPresent,
  checkLegacyParsing,
  checkManagedVersion,
  checkPrincipalPresent,
  checkPrincipalValues,
  checkResourceFormats,
  checkResourcesPresent,
  checkSids,
  checkVendors,
  type Check,
  type Validation,
  type ValidationOptions,
} from "./validate-elements.ts";

export const VALIDATION_PIPELINE: readonly (readonly [string, Check])[] = [
  ["managed policy version", checkManagedVersion],
  ["legacy parsing", checkLegacyParsing],
  ["unique statement ids", checkSids],
  ["actions present", checkActionsPresent],
  ["resources present", checkResourcesPresent],
  ["principal present", checkPrincipalPresent],
  ["resource formats", checkResourceFormats],
  ["action and condition-key vendors", checkVendors],
  ["principal values", checkPrincipalValues],
];

export interface ParseOptions extends ValidationOptions {
  /** How decisions name the policy; defaults to the document's Id, else the kind. */
  readonly label?: string;
}

function parseJson(json: string, kind: PolicyKind): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new PolicyError(kind, kind === "trust" ? Messages.invalidJsonTrust : Messages.syntax);
  }
}

/** Validates a policy document as IAM does for its kind and compiles it for evaluation. */
export function parsePolicy(json: string, kind: PolicyKind, options: ParseOptions = {}): Policy {
  const raw = parseJson(json, kind);
  const { document, statements } = checkSyntax(kind, raw);
  const validation: Validation = { kind, options, document, statements };
  for (const [, check] of VALIDATION_PIPELINE) check(validation);
  return compilePolicy(document, kind, options.label ?? document.Id ?? `${kind}-policy`);
}
