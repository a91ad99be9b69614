// Typed errors of the claim rule engine. A rule set that does not parse stops start-up with its
// line and column; the others are raised while a rule set is evaluated. None of them is shown to a
// browser as written (expose: false): they are configuration or directory problems for the log.
import { FederaError } from "../../shared/index.ts";

/** The rule set text is not valid claim rule language (or uses what federa cannot run). */
export class ClaimRulesParseError extends FederaError {
  declare readonly code: "CLAIM_RULES_PARSE_ERROR";
  /** What was wrong, without the position prefix: `expected "=>", found "issue"`. */
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  readonly source: string | undefined;

  constructor(reason: string, line: number, column: number, source?: string) {
    const where = source === undefined ? "claim rules" : `claim rules (${source})`;
    super("CLAIM_RULES_PARSE_ERROR", `${where}: line ${line}, column ${column}: ${reason}`, {
      status: 500,
      expose: false,
      detail: { line, column, source },
    });
    this.reason = reason;
    this.line = line;
    this.column = column;
    this.source = source;
  }
}

/** A rule names an attribute store that the caller did not supply to evaluate(). */
export class ClaimRulesUnknownStoreError extends FederaError {
  declare readonly code: "CLAIM_RULES_UNKNOWN_STORE";
  readonly store: string;

  constructor(store: string, line: number, source?: string) {
    const where = source === undefined ? "claim rules" : `claim rules (${source})`;
    super("CLAIM_RULES_UNKNOWN_STORE", `${where}: line ${line}: unknown attribute store "${store}"`, {
      status: 500,
      expose: false,
      detail: { store, line, source },
    });
    this.store = store;
  }
}

/** An attribute store query that federa does not run (for example a non-empty LDAP filter). */
export class ClaimRulesUnsupportedQueryError extends FederaError {
  declare readonly code: "CLAIM_RULES_UNSUPPORTED_QUERY";
  constructor(message: string) {
    super("CLAIM_RULES_UNSUPPORTED_QUERY", message, { status: 500, expose: false });
  }
}

/** An attribute store answered in a shape the rule cannot use, or could not place the account. */
export class ClaimRulesStoreError extends FederaError {
  declare readonly code: "CLAIM_RULES_STORE_ERROR";
  constructor(message: string, detail?: Record<string, unknown>) {
    super("CLAIM_RULES_STORE_ERROR", message, { status: 500, expose: false, ...(detail ? { detail } : {}) });
  }
}
