// The LDAP client over TLS: ldaps:// and StartTLS against the embedded server, the server's
// certificate checked against caFile, refused when it cannot be verified, accepted unverified
// only when rejectUnauthorized is false.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createLdapDirectory, DirectoryError, startEmbeddedDirectoryServer, type EmbeddedServer } from "../../src/directory/index.ts";
import { silentLogger } from "../../src/shared/index.ts";
import { FIXTURE_LDIF, PASSWORDS, embeddedClientConfig, ldapTool, selfSignedCertificate } from "../support/embedded-ldap.ts";

let ldaps: EmbeddedServer;
let startTls: EmbeddedServer;
let caFile: string;

before(async () => {
  const material = await selfSignedCertificate();
  caFile = material.certPath;
  ldaps = await startEmbeddedDirectoryServer({ ldifPath: FIXTURE_LDIF, port: 0, tls: material });
  startTls = await startEmbeddedDirectoryServer({ ldifPath: FIXTURE_LDIF, port: 0, startTls: material });
});

after(async () => {
  await ldaps.close();
  await startTls.close();
});

async function login(config: Parameters<typeof createLdapDirectory>[0]): Promise<string[]> {
  const directory = createLdapDirectory(config, { logger: silentLogger });
  try {
    return (await directory.authenticate("alice", PASSWORDS.alice as string)).groups;
  } finally {
    await directory.close();
  }
}

async function unavailable(config: Parameters<typeof createLdapDirectory>[0]): Promise<void> {
  const directory = createLdapDirectory(config, { logger: silentLogger });
  try {
    await assert.rejects(directory.authenticate("alice", PASSWORDS.alice as string), (err: unknown) => {
      assert.ok(err instanceof DirectoryError);
      assert.equal(err.code, "DIRECTORY_UNAVAILABLE");
      return true;
    });
  } finally {
    await directory.close();
  }
}

describe("LDAP client over TLS", () => {
  it("ldaps:// with the server's CA in caFile", async () => {
    assert.match(ldaps.url, /^ldaps:\/\//);
    assert.ok((await login(embeddedClientConfig(ldaps, { caFile }))).includes("AWS-111122223333-KeyAdmins"));
  });

  it("ldaps:// to a certificate it cannot verify is DIRECTORY_UNAVAILABLE", async () => {
    await unavailable(embeddedClientConfig(ldaps));
  });

  it("ldaps:// with rejectUnauthorized false accepts an unverified certificate", async () => {
    assert.ok((await login(embeddedClientConfig(ldaps, { rejectUnauthorized: false }))).includes("AWS-111122223333-Developers"));
  });

  it("the certificate is checked against the URL's host name (localhost, sent as SNI)", async () => {
    const port = new URL(ldaps.url).port;
    assert.ok((await login(embeddedClientConfig({ url: `ldaps://localhost:${port}` }, { caFile }))).length > 0);
  });

  it("StartTLS upgrades ldap:// before any bind", async () => {
    assert.match(startTls.url, /^ldap:\/\//);
    assert.ok((await login(embeddedClientConfig(startTls, { startTls: true, caFile }))).includes("AWS-111122223333-KeyAdmins"));
    await unavailable(embeddedClientConfig(startTls, { startTls: true }));
  });

  it("StartTLS asked of a server that does not offer it is DIRECTORY_UNAVAILABLE", async () => {
    const plain = await startEmbeddedDirectoryServer({ ldifPath: FIXTURE_LDIF, port: 0 });
    try {
      await unavailable(embeddedClientConfig(plain, { startTls: true, caFile }));
    } finally {
      await plain.close();
    }
  });

  it("ldapsearch -ZZ (StartTLS required) talks to the embedded server", async () => {
    const r = await ldapTool("ldapsearch", ["-x", "-ZZ", "-LLL", "-H", startTls.url, "-D", "CORP\\bob", "-w", PASSWORDS.bob as string, "-b", "DC=corp,DC=example,DC=test", "(sAMAccountName=bob)", "department"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^department: Platform$/m);
  });
});
