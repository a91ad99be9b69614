// Loads the configuration: defaults, then a YAML or JSON file, then environment variables, then
// command-line flags. Validated once at start-up; a bad option fails with its path named.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { ConfigError } from "../shared/index.ts";
import { configSchema, type ParsedConfig, type ServiceProviderConfig } from "./schema.ts";

export const AWS_SIGNIN_SAML_URL = "https://signin.aws.amazon.com/saml";
export const AWS_SP_ENTITY_ID = "urn:amazon:webservices";

/** The resolved configuration: every default filled in, paths absolute. */
export interface FederaConfig extends Omit<ParsedConfig, "serviceProviders" | "publicUrl"> {
  publicUrl: string;
  serviceProviders: ServiceProviderConfig[];
  /** True when publicUrl (and the default SP's ACS) came from host and port, not from the file. */
  publicUrlDerived: boolean;
  /** True when serviceProviders is the built-in AWS default. */
  serviceProvidersDefaulted: boolean;
  /** The file the configuration came from, if any. */
  source?: string;
}

export interface LoadOptions {
  /** Path of a YAML or JSON configuration file. */
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Values from command-line flags: they win over the file and the environment. */
  overrides?: Record<string, unknown>;
  cwd?: string;
}

export function loadConfig(options: LoadOptions = {}): FederaConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = options.configFile ?? env.FEDERA_CONFIG;
  const raw: Record<string, unknown> = file ? readConfigFile(resolve(cwd, file)) : {};
  applyEnv(raw, env);
  Object.assign(raw, stripUndefined(options.overrides ?? {}));
  return resolveConfig(raw, cwd, file ? resolve(cwd, file) : undefined);
}

/** federa's own lab world, wherever federa is started from. */
const BUNDLED_LDIF = "fixtures/directory.ldif";
const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A relative LDIF path is the working directory's; the default lab world is federa's own when the working directory has none. */
function ldifLocation(cwd: string, ldif: string): string {
  const here = resolve(cwd, ldif);
  if (ldif === BUNDLED_LDIF && !existsSync(here)) return resolve(PROJECT_ROOT, ldif);
  return here;
}

/** Validates a configuration object (already merged) and fills in the derived defaults. */
export function resolveConfig(raw: unknown, cwd = process.cwd(), source?: string): FederaConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.length ? issue.path.map(String).join(".") : "(root)";
    throw new ConfigError(`invalid configuration${source ? ` in ${source}` : ""}: ${path}: ${issue.message}`);
  }
  const parsed = result.data;
  const publicUrl = (parsed.publicUrl ?? `http://${hostForUrl(parsed.host)}:${parsed.port}`).replace(/\/+$/, "");
  const directory =
    parsed.directory.type === "embedded" ? { ...parsed.directory, ldif: ldifLocation(cwd, parsed.directory.ldif) } : parsed.directory;
  return {
    ...parsed,
    publicUrl,
    dataDir: resolve(cwd, parsed.dataDir),
    directory,
    serviceProviders: parsed.serviceProviders ?? [defaultAwsServiceProvider(publicUrl)],
    serviceProvidersDefaulted: parsed.serviceProviders === undefined,
    publicUrlDerived: parsed.publicUrl === undefined,
    ...(source ? { source } : {}),
  };
}

/**
 * The configuration once the server knows its real port (port 0 picks a free one): a derived
 * publicUrl, and the default SP's ACS built from it, follow the port.
 */
export function withListeningPort(config: FederaConfig, port: number): FederaConfig {
  if (!config.publicUrlDerived || port === config.port) return config;
  const publicUrl = `http://${hostForUrl(config.host)}:${port}`;
  return {
    ...config,
    port,
    publicUrl,
    serviceProviders: config.serviceProvidersDefaulted ? [defaultAwsServiceProvider(publicUrl)] : config.serviceProviders,
  };
}

/** AWS as AD FS would see it, with the browser's form posted to federa's own sign-in endpoint. */
export function defaultAwsServiceProvider(publicUrl: string): ServiceProviderConfig {
  return {
    entityId: AWS_SP_ENTITY_ID,
    acsUrl: `${publicUrl}/saml`,
    recipient: AWS_SIGNIN_SAML_URL,
    audience: AWS_SIGNIN_SAML_URL,
    alternateAcsUrls: [AWS_SIGNIN_SAML_URL],
    wantAuthnRequestsSigned: false,
    signingCertFiles: [],
    // The Assertion signed, and the Response too (AD FS's MessageAndAssertion); `signResponse:
    // false` in a configured SP gives AD FS's own default, AssertionOnly, which AWS also accepts.
    signResponse: true,
    nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
  };
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new ConfigError(`cannot read configuration file ${path}: ${(cause as NodeJS.ErrnoException).code ?? "error"}`);
  }
  let value: unknown;
  try {
    value = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new ConfigError(`configuration file ${path} does not parse: ${(cause as Error).message}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(`configuration file ${path}: (root): expected an object`);
  }
  return value as Record<string, unknown>;
}

function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): void {
  if (env.FEDERA_PORT !== undefined && env.FEDERA_PORT !== "") raw.port = toPort(env.FEDERA_PORT, "FEDERA_PORT");
  if (env.FEDERA_DATA_DIR) raw.dataDir = env.FEDERA_DATA_DIR;
  if (env.FEDERA_LOG_LEVEL) raw.logLevel = env.FEDERA_LOG_LEVEL;
  if (env.FEDERA_HOST) raw.host = env.FEDERA_HOST;
  if (env.FEDERA_PUBLIC_URL) raw.publicUrl = env.FEDERA_PUBLIC_URL;
  if (env.FEDERA_MODE) raw.mode = env.FEDERA_MODE;
}

export function toPort(value: string, name: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new ConfigError(`invalid configuration: ${name}: expected a port number from 0 to 65535`);
  }
  return Number(value);
}

function hostForUrl(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

function stripUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
