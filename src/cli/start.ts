// `federa start`: load and validate the configuration, start every component, stop gracefully
// on SIGTERM or SIGINT.
import { Command, Option } from "commander";
import { loadConfig, toPort } from "../config/index.ts";
import { keepHelperThreadsLow, startFederaServer } from "../server/index.ts";
import { createLogger } from "../shared/index.ts";

export function startCommand(): Command {
  return new Command("start")
    .description("Run federa: the SAML IdP over the directory, on one HTTP port (http://127.0.0.1:4577 by default).")
    .option("-c, --config <file>", "YAML or JSON configuration file (env FEDERA_CONFIG); every option is described in README.md")
    .option("-p, --port <port>", "HTTP port on --host; 0 picks a free one (env FEDERA_PORT; default 4577)")
    .option("--host <address>", "address to listen on (env FEDERA_HOST; default 127.0.0.1)")
    .option("-d, --data-dir <dir>", "where state lives: SQLite store, IdP signing key and certificate, service key (env FEDERA_DATA_DIR; default ./.federa)")
    .option("--public-url <url>", "the URL people reach federa at, used in metadata and forms (env FEDERA_PUBLIC_URL; default http://<host>:<port>)")
    .addOption(new Option("--log-level <level>", "JSON log level on stdout (env FEDERA_LOG_LEVEL; default info)").choices(["fatal", "error", "warn", "info", "debug", "trace", "silent"]))
    .addOption(new Option("--mode <mode>", "development allows the test-only keys under certs/ (env FEDERA_MODE; default production)").choices(["development", "production"]))
    .addHelpText(
      "after",
      `
The defaults run the embedded lab world: an LDAP directory served from fixtures/directory.ldif
(corp.example.test: alice, bob, carol, dave, erin) and AWS (urn:amazon:webservices) as the service
provider. Flags win over environment variables, which win over the configuration file.

Endpoints: /idp/metadata, /idp/sso/init?sp=urn:amazon:webservices, /idp/sso (SAML AuthnRequests),
/adfs/ls/IdpInitiatedSignOn.aspx, /adfs/ls/, /FederationMetadata/2007-06/FederationMetadata.xml, /health.`,
    )
    .action(async (options: Record<string, string | undefined>) => {
      const overrides = {
        port: options.port === undefined ? undefined : toPort(options.port, "--port"),
        host: options.host,
        dataDir: options.dataDir,
        publicUrl: options.publicUrl,
        logLevel: options.logLevel,
        mode: options.mode,
      };
      const config = loadConfig({ ...(options.config ? { configFile: options.config } : {}), overrides });
      const logger = createLogger(config.logLevel);
      // This process is federa's alone: its helper threads yield the CPU to the main thread.
      await keepHelperThreadsLow();
      const server = await startFederaServer(config, { logger });
      const stop = (signal: string) => {
        logger.info({ event: "server.stopping", signal }, "stopping");
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once("SIGTERM", () => stop("SIGTERM"));
      process.once("SIGINT", () => stop("SIGINT"));
    });
}
