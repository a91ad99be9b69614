// The embedded directory server: an Active Directory-like LDAP server over an LDIF file, started
// in-process on loopback for development and tests. Read-only: binds, searches, compares and
// WhoAmI; every write is refused with insufficientAccessRights.
//
// Anonymous binds are accepted (RFC 4513), but an anonymous connection may read only the root
// DSE, as on a domain controller; everything else needs a bind (the service account or a user).
import { readFile } from "node:fs/promises";
import { ConfigError, systemClock, type Clock, type Logger } from "../../shared/index.ts";
import { simpleBind } from "./bind.ts";
import { matchesFilter } from "./filter.ts";
import { listenLdap, type TlsMaterial } from "./ldapjs-wire.ts";
import { ResultCode, type ExtendedResult, type LdapHandler, type LdapResult, type Session } from "./protocol.ts";
import { AD_NEEDS_BIND, search } from "./search.ts";
import { DirectoryLoadError, DirectoryTree, SECRET_ATTRIBUTES, firstString, type Entry } from "./tree.ts";

export type { TlsMaterial };

export interface EmbeddedServerOptions {
  ldifPath: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  clock?: Clock;
  logger?: Logger;
  /** Serve ldaps:// with this key and certificate (tests of the client's TLS). */
  tls?: TlsMaterial;
  /** Offer StartTLS on ldap:// with this key and certificate. */
  startTls?: TlsMaterial;
  /** NetBIOS domain for `CORP\alice` binds; default: the first DC of the base DN, upper-cased. */
  netbiosName?: string;
  /**
   * Send AD's continuation references (ForestDnsZones, DomainDnsZones, Configuration) on subtree
   * searches from the domain root, as a domain controller does. Off by default: every login would
   * pay for them, and clients ignore them.
   */
  searchReferences?: boolean;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  /** The LDIF's (first) naming context, e.g. DC=corp,DC=example,DC=test. */
  baseDn: string;
  dnsDomain: string;
  netbiosName: string;
  close(): Promise<void>;
}

const WHO_AM_I = "1.3.6.1.4.1.4203.1.11.3";
const INSUFFICIENT_ACCESS = "00002098: SecErr: DSID-03150F94, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0\n";

interface EmbeddedSession extends Session {
  principal?: Entry;
  authenticated?: boolean;
}

async function loadTree(path: string, netbiosName: string | undefined): Promise<DirectoryTree> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new ConfigError(`directory.ldif: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  try {
    return new DirectoryTree(text, netbiosName === undefined ? {} : { netbiosName });
  } catch (err) {
    if (err instanceof DirectoryLoadError) throw new ConfigError(`directory.ldif: ${path}: ${err.message}`);
    throw err;
  }
}

function createHandler(tree: DirectoryTree, options: EmbeddedServerOptions): LdapHandler {
  const clock = options.clock ?? systemClock;
  const log = options.logger;
  return {
    bind(session: EmbeddedSession, name, password): LdapResult {
      const outcome = simpleBind(tree, name, password, clock.now());
      session.principal = outcome.ok ? outcome.principal : undefined;
      session.authenticated = outcome.ok && outcome.principal !== undefined;
      if (outcome.ok) return { resultCode: ResultCode.success };
      log?.debug({ event: "embedded-ldap.bind-refused", data: outcome.data }, "embedded LDAP bind refused");
      return { resultCode: outcome.resultCode, diagnostic: outcome.diagnostic };
    },
    search(session: EmbeddedSession, op) {
      return search(
        {
          tree,
          now: clock.now(),
          authenticated: session.authenticated === true,
          startTls: options.startTls !== undefined,
          references: options.searchReferences === true,
        },
        op,
      );
    },
    compare(session: EmbeddedSession, dn, attribute, value): LdapResult {
      if (session.authenticated !== true) return { resultCode: ResultCode.operationsError, diagnostic: AD_NEEDS_BIND };
      const entry = tree.get(dn);
      if (!entry) return { resultCode: ResultCode.noSuchObject };
      if (SECRET_ATTRIBUTES.has(attribute.toLowerCase())) return { resultCode: ResultCode.insufficientAccessRights, diagnostic: INSUFFICIENT_ACCESS };
      const equal = matchesFilter(tree, entry, { type: "equality", attribute, value: Buffer.from(value, "utf8") });
      return { resultCode: equal ? ResultCode.compareTrue : ResultCode.compareFalse };
    },
    write(): LdapResult {
      return { resultCode: ResultCode.insufficientAccessRights, diagnostic: INSUFFICIENT_ACCESS };
    },
    extended(session: EmbeddedSession, oid): ExtendedResult {
      if (oid !== WHO_AM_I) return { resultCode: ResultCode.protocolError, diagnostic: `unsupported extended operation ${oid}` };
      const sam = session.principal ? firstString(session.principal, "samaccountname") : undefined;
      const authzId = session.principal ? (sam ? `u:${tree.netbiosName}\\${sam}` : `dn:${session.principal.dn}`) : "";
      return { resultCode: ResultCode.success, responseValue: authzId };
    },
  };
}

export async function startEmbeddedDirectoryServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const tree = await loadTree(options.ldifPath, options.netbiosName);
  const host = options.host ?? "127.0.0.1";
  const wire = await listenLdap({
    host,
    port: options.port,
    handler: createHandler(tree, options),
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.startTls ? { startTls: options.startTls } : {}),
    onError: (err) => options.logger?.warn({ event: "embedded-ldap.error", err: (err as Error)?.message }, "embedded LDAP server error"),
  });
  options.logger?.info({ event: "embedded-ldap.listening", url: wire.url, baseDn: tree.defaultNamingContext.dn }, "embedded LDAP directory listening");
  return {
    url: wire.url,
    port: wire.port,
    baseDn: tree.defaultNamingContext.dn,
    dnsDomain: tree.dnsDomain,
    netbiosName: tree.netbiosName,
    close: () => wire.close(),
  };
}
