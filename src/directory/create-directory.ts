// The directory federa runs with, from configuration: an external LDAP server, or the embedded
// lab world (the LDIF served by the embedded LDAP server on 127.0.0.1, reached over LDAP with the
// same client as any other server: flavour ad, LDAP_MATCHING_RULE_IN_CHAIN, service bind).
import { isAbsolute, resolve } from "node:path";
import type { DirectoryConfig, EmbeddedDirectoryConfig, LdapDirectoryConfig } from "../config/index.ts";
import { startEmbeddedDirectoryServer } from "./embedded/server.ts";
import { createLdapDirectory, type DirectoryDeps } from "./ldap/ldap-directory.ts";
import type { Directory } from "./types.ts";

/**
 * The account federa binds as to search the embedded directory (it is in fixtures/directory.ldif;
 * an LDIF of your own must hold it too). Public, like every password of the lab world.
 */
export const EMBEDDED_SERVICE_ACCOUNT = {
  dn: "CN=federa-svc,CN=Users,DC=corp,DC=example,DC=test",
  password: "Federa-Svc!Passw0rd1",
} as const;

/** How long the client waits for the embedded server (loopback: generous). */
const EMBEDDED_TIMEOUT_MS = 5000;

export type RunningDirectory = Directory & {
  /** The LDAP URL federa talks to. */
  url: string;
};

/** How federa's LDAP client reaches its embedded server: AD flavour, IN_CHAIN, the fixture's service account. */
export function embeddedClientConfig(server: { url: string; baseDn: string; netbiosName?: string }, overrides: Partial<LdapDirectoryConfig> = {}): LdapDirectoryConfig {
  return {
    type: "ldap",
    url: server.url,
    startTls: false,
    rejectUnauthorized: true,
    flavour: "ad",
    bindDn: EMBEDDED_SERVICE_ACCOUNT.dn,
    bindPassword: EMBEDDED_SERVICE_ACCOUNT.password,
    baseDn: server.baseDn,
    ...(server.netbiosName ? { domain: server.netbiosName } : {}),
    groupStrategy: "inChain",
    timeoutMs: EMBEDDED_TIMEOUT_MS,
    ...overrides,
  };
}

async function createEmbeddedDirectory(config: EmbeddedDirectoryConfig, deps: DirectoryDeps): Promise<RunningDirectory> {
  const ldifPath = isAbsolute(config.ldif) ? config.ldif : resolve(process.cwd(), config.ldif);
  const server = await startEmbeddedDirectoryServer({ ldifPath, port: config.port, host: "127.0.0.1", logger: deps.logger, ...(deps.clock ? { clock: deps.clock } : {}) });
  let directory: Directory;
  try {
    directory = createLdapDirectory(
      embeddedClientConfig(server, { timeoutMs: EMBEDDED_TIMEOUT_MS }),
      deps,
      // The embedded tree is read-only and loaded once: entries and group memberships never change.
      { staticTree: true },
    );
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    url: server.url,
    authenticate: (username, password) => directory.authenticate(username, password),
    lookup: (username) => directory.lookup(username),
    async close() {
      await directory.close();
      await server.close();
    },
  };
}

export async function createDirectory(config: DirectoryConfig, deps: DirectoryDeps): Promise<RunningDirectory> {
  if (config.type === "embedded") return createEmbeddedDirectory(config, deps);
  const directory = createLdapDirectory(config, deps);
  return {
    url: config.url,
    authenticate: (username, password) => directory.authenticate(username, password),
    lookup: (username) => directory.lookup(username),
    close: () => directory.close(),
  };
}
