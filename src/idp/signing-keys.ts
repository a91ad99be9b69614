// The IdP's signing identity: an RSA key (2048 bits or more) and a self-signed SHA-256 certificate,
// created in the data directory on first start and kept; or files named in the configuration.
// Test-only material under certs/ is refused outside development mode.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { generateSigningIdentity, describeCertificate, loadPrivateKey, type PrivateSigningKey } from "../crypto/index.ts";
import { ConfigError, type Clock, type Logger } from "../shared/index.ts";
import type { FederaConfig } from "../config/index.ts";

export interface IdpSigningMaterial {
  key: PrivateSigningKey;
  /** The current certificate, base64 DER. */
  certificate: string;
  certificatePem: string;
  /** A certificate published in metadata ahead of a key switch, base64 DER. */
  nextCertificate: string | undefined;
}

export const KEY_FILE = "idp-signing-key.pem";
export const CERT_FILE = "idp-signing-cert.pem";

export async function loadSigningMaterial(config: FederaConfig, clock: Clock, logger: Logger, projectRoot: string): Promise<IdpSigningMaterial> {
  const { signingKeyFile, signingCertFile, nextSigningCertFile } = config.idp;
  if (Boolean(signingKeyFile) !== Boolean(signingCertFile)) {
    throw new ConfigError("invalid configuration: idp.signingKeyFile and idp.signingCertFile go together");
  }
  let keyPem: string;
  let certPem: string;
  if (signingKeyFile && signingCertFile) {
    refuseTestMaterial(config, projectRoot, "idp.signingKeyFile", signingKeyFile);
    keyPem = readPem(signingKeyFile, "idp.signingKeyFile");
    certPem = readPem(signingCertFile, "idp.signingCertFile");
  } else {
    ({ keyPem, certPem } = await loadOrCreate(config.dataDir, config.publicUrl, clock, logger));
  }
  const key = loadPrivateKey(keyPem);
  if (key.bits < 2048) throw new ConfigError(`invalid configuration: idp.signingKeyFile: an RSA key of at least 2048 bits is required (got ${key.bits})`);
  const info = describeCertificate(certPem);
  let nextCertificate: string | undefined;
  if (nextSigningCertFile) {
    refuseTestMaterial(config, projectRoot, "idp.nextSigningCertFile", nextSigningCertFile);
    nextCertificate = describeCertificate(readPem(nextSigningCertFile, "idp.nextSigningCertFile")).base64;
  }
  return { key, certificate: info.base64, certificatePem: certPem, nextCertificate };
}

async function loadOrCreate(dataDir: string, publicUrl: string, clock: Clock, logger: Logger): Promise<{ keyPem: string; certPem: string }> {
  const keyPath = join(dataDir, KEY_FILE);
  const certPath = join(dataDir, CERT_FILE);
  if (existsSync(keyPath) && existsSync(certPath)) {
    return { keyPem: readFileSync(keyPath, "utf8"), certPem: readFileSync(certPath, "utf8") };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const host = new URL(publicUrl).hostname;
  const identity = await generateSigningIdentity({ commonName: `federa IdP ${host}`, bits: 2048, notBefore: new Date(clock.now().getTime() - 60_000), validDays: 3650 });
  writeFileSync(keyPath, identity.privateKeyPem, { mode: 0o600 });
  writeFileSync(certPath, identity.certificatePem, { mode: 0o644 });
  logger.info({ event: "idp.signing_key_created", certificate: certPath }, "created the IdP signing key and certificate");
  return { keyPem: identity.privateKeyPem, certPem: identity.certificatePem };
}

function readPem(path: string, option: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    throw new ConfigError(`invalid configuration: ${option}: cannot read ${path} (${(cause as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

/** certs/ holds material whose private keys are public: never acceptable outside development. */
function refuseTestMaterial(config: FederaConfig, projectRoot: string, option: string, path: string): void {
  const testDir = resolve(projectRoot, "certs") + sep;
  if (config.mode !== "development" && resolve(path).startsWith(testDir)) {
    throw new ConfigError(`invalid configuration: ${option}: ${path} is test-only material under certs/; it is refused unless mode is "development"`);
  }
}
