// The checks IAM runs after the grammar, each a small function over the statements, in the order
// IAM reports them (parse.ts lists the pipeline): the legacy parser (Effect's exact case, date
// values, the old resource rules), unique Sids, Action present, Resource present, Principal
// present, resource formats, action and condition-key vendors, principal values.
import { parseDate } from "./conditions/date.ts";
import { valuesOf } from "./conditions/compile.ts";
import { parseOperator } from "./conditions/operators.ts";
import { asList } from "./compile.ts";
import { Messages, PolicyError } from "./errors.ts";
import type { PolicyDocument, PolicyKind, PolicyStatement } from "./types.ts";
import { passesLegacyParsing, resourceFormatError } from "./validate-resource.ts";
import { invalidPrincipal, type PrincipalExists } from "./validate-principal.ts";

export interface ValidationOptions {
  /** A managed policy (CreatePolicy): Version 2012-10-17 required, alphanumeric Sids. */
  readonly managed?: boolean;
  /** Whether a user, role or identity provider named in a principal exists. */
  readonly principalExists?: PrincipalExists;
}

export interface Validation {
  readonly kind: PolicyKind;
  readonly options: ValidationOptions;
  readonly document: PolicyDocument;
  readonly statements: readonly PolicyStatement[];
  /** The first malformed resource, reported after the presence checks as IAM does. */
  resourceError?: string;
}

export type Check = (v: Validation) => void;

const fail = (v: Validation, message: string): never => {
  throw new PolicyError(v.kind, message);
};

export const checkManagedVersion: Check = (v) => {
  if (v.options.managed && v.document.Version !== "2012-10-17") fail(v, Messages.versionTooOld);
};

/** IAM's legacy parser: exact-case Effect, parseable dates, and the old resource rules. */
export const checkLegacyParsing: Check = (v) => {
  for (const statement of v.statements) {
    if (statement.Effect !== "Allow" && statement.Effect !== "Deny") fail(v, Messages.legacyParsing);
    for (const [name, block] of Object.entries(statement.Condition ?? {})) {
      if (parseOperator(name)?.family !== "date") continue;
      for (const raw of Object.values(block)) {
        for (const value of valuesOf(raw)) if (parseDate(value) === undefined) fail(v, Messages.legacyParsing);
      }
    }
    for (const field of ["Resource", "NotResource"] as const) {
      const resources = asList(statement[field]);
      for (const resource of resources) v.resourceError ??= resourceFormatError(resource);
      if (v.resourceError === undefined && !resources.every(passesLegacyParsing)) fail(v, Messages.legacyParsing);
    }
  }
};

export const checkSids: Check = (v) => {
  const seen = new Set<string>();
  for (const { Sid: sid } of v.statements) {
    if (!sid) continue;
    if (v.options.managed && !/^[0-9A-Za-z]*$/.test(sid)) fail(v, Messages.sidNotAlphanumeric);
    if (seen.has(sid)) fail(v, Messages.duplicateSid);
    seen.add(sid);
  }
};

export const checkActionsPresent: Check = (v) => {
  for (const statement of v.statements) {
    if (asList(statement.Action ?? statement.NotAction).length === 0) fail(v, Messages.noActions);
  }
};

export const checkResourcesPresent: Check = (v) => {
  if (v.kind === "trust") return;
  for (const statement of v.statements) {
    if (asList(statement.Resource ?? statement.NotResource).length === 0) fail(v, Messages.noResources);
  }
};

export const checkPrincipalPresent: Check = (v) => {
  if (v.kind !== "resource" && v.kind !== "trust" && v.kind !== "key") return;
  for (const statement of v.statements) {
    if (statement.Principal === undefined && statement.NotPrincipal === undefined) fail(v, Messages.missingPrincipal);
  }
};

export const checkResourceFormats: Check = (v) => {
  if (v.resourceError !== undefined) fail(v, v.resourceError);
};

function checkVendor(v: Validation, name: string, isAction: boolean): void {
  if (isAction && name === "*") return;
  const parts = name.split(":");
  if (parts.length === 1) fail(v, Messages.noVendor);
  if (isAction && parts.length > 2) fail(v, Messages.oneColon);
  const vendor = parts[0] as string;
  if (isAction && !/^[a-zA-Z0-9.-]+$/.test(vendor)) fail(v, Messages.vendorInvalid(vendor));
}

export const checkVendors: Check = (v) => {
  for (const statement of v.statements) {
    for (const action of asList(statement.Action ?? statement.NotAction)) checkVendor(v, action, true);
    for (const block of Object.values(statement.Condition ?? {})) for (const key of Object.keys(block)) checkVendor(v, key, false);
  }
};

export const checkPrincipalValues: Check = (v) => {
  for (const statement of v.statements) {
    for (const element of [statement.Principal, statement.NotPrincipal]) {
      if (element === undefined) continue;
      const invalid = invalidPrincipal(element, v.options.principalExists);
      if (!invalid) continue;
      fail(v, v.kind === "key" ? Messages.keyInvalidPrincipals : Messages.invalidPrincipal(invalid[0], invalid[1]));
    }
  }
};
