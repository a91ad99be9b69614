// The LDAP operations the embedded server answers, as plain data: the wire module decodes
// requests into these and encodes the results, so nothing else depends on the LDAP library.
import type { FilterNode } from "./filter.ts";

/** LDAP result codes used here (RFC 4511 §4.1.9). */
export const ResultCode = {
  success: 0,
  operationsError: 1,
  protocolError: 2,
  sizeLimitExceeded: 4,
  compareFalse: 5,
  compareTrue: 6,
  authMethodNotSupported: 7,
  noSuchObject: 32,
  invalidCredentials: 49,
  insufficientAccessRights: 50,
} as const;

export interface LdapResult {
  resultCode: number;
  diagnostic?: string;
  matchedDn?: string;
}

export interface SearchOp {
  baseDn: string;
  /** 0 base, 1 one level, 2 subtree. */
  scope: number;
  filter: FilterNode;
  attributes: string[];
  sizeLimit: number;
  typesOnly: boolean;
}

export interface OutEntry {
  dn: string;
  attributes: { name: string; values: (string | Buffer)[] }[];
  /** Same key, same encoding: lets the wire reuse an entry's encoded bytes. */
  cacheKey?: string;
}

export interface SearchResult extends LdapResult {
  entries: OutEntry[];
  /** Continuation references (each a list of LDAP URLs), as AD sends for its application partitions. */
  references: string[][];
}

export interface ExtendedResult extends LdapResult {
  responseName?: string;
  responseValue?: string;
}

/** One connection's state, owned by the handler (who is bound). */
export type Session = Record<string, unknown>;

export interface LdapHandler {
  bind(session: Session, name: string, password: string): LdapResult;
  search(session: Session, op: SearchOp): SearchResult;
  compare(session: Session, dn: string, attribute: string, value: string): LdapResult;
  /** add, modify, delete, modifyDN: a read-only directory refuses them all. */
  write(session: Session, operation: string, dn: string): LdapResult;
  extended(session: Session, oid: string, value: string | undefined): ExtendedResult;
}
