// The composition root: builds every component from the configuration and serves them on one port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import { createLogger, systemClock, type Clock, type Logger } from "../shared/index.ts";
import { withListeningPort, type FederaConfig } from "../config/index.ts";
import { loadOrCreateFileRootKey, loadOrCreateServiceKey } from "../crypto/index.ts";
import { openSqliteStore, type Store } from "../store/index.ts";
import { createDirectory, type Directory } from "../directory/index.ts";
import {
  createIdpRouter,
  createLoginThrottle,
  createServiceProviderRegistry,
  createSessionManager,
  idpEntityId,
  idpMetadata,
  loadSigningMaterial,
  type IdpContext,
} from "../idp/index.ts";
import { AWS_SIGNIN_SAML, createAuthorizationMessages, createAuthorizer, createPolicyCache, createIamService, iamService, seedLabWorld, type IamService } from "../iam/index.ts";
import {
  createCredentialLookup,
  createSessionPolicyCheck,
  createSessionTokens,
  createTrustPolicyHook,
  StoreReplayCache,
  startAssertionCheckers,
  stsService,
  type AssumeRoleWithSamlDeps,
  type Caller,
} from "../sts/index.ts";
import { createAwsApiHandler, createServiceRegistry, isAwsApiRequest } from "../protocol/index.ts";
import { KeyCaches, kmsService, startKmsScheduler, type KmsDeps } from "../kms/index.ts";
import { createObjectBodies, createS3Service, isS3Request } from "../s3/index.ts";
import { createAuditTrail } from "../audit/index.ts";
import { createConsoleRouter } from "../console/index.ts";
import { health } from "./health.ts";
import { errorHandler } from "./errors.ts";
import { createDrain } from "./drain.ts";
import { BODY_DEADLINE_MS, startBodyDeadline } from "./body-deadline.ts";

export { keepHelperThreadsLow, lowerHelperThreads, HELPER_NICE } from "./thread-priority.ts";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface StartOptions {
  logger?: Logger;
  clock?: Clock;
  /** How long a request other than S3's may take to arrive whole (BODY_DEADLINE_MS unless given). */
  bodyDeadlineMs?: number;
}

export interface FederaServer {
  /** Where federa listens, e.g. http://127.0.0.1:4577. */
  url: string;
  /** The embedded (or external) directory's URL. */
  directoryUrl: string;
  idp: IdpContext;
  iam: IamService;
  close(): Promise<void>;
}

export async function startFederaServer(requested: FederaConfig, options: StartOptions = {}): Promise<FederaServer> {
  const logger = options.logger ?? createLogger(requested.logLevel);
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  // Listen first: with port 0 the real port decides the public URL that metadata and forms carry.
  // Until every component is up, requests get a 503 rather than a silence.
  const starting = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(503, { "Content-Type": "text/plain", "Retry-After": "1", Connection: "close" }).end("federa is starting\n");
  };
  // A whole request may take up to 15 minutes (S3 uploads of gigabytes; every other request is
  // held to a much shorter deadline: body-deadline.ts); its headers only 15 s.
  const server = createServer({ requestTimeout: 15 * 60_000, headersTimeout: 15_000, keepAliveTimeout: 5_000 }, starting);
  const port = await listen(server, requested.port, requested.host);
  const config = withListeningPort(requested, port);
  try {
    return await serve(server, starting, config, logger, clock, startedAt, options.bodyDeadlineMs ?? BODY_DEADLINE_MS);
  } catch (error) {
    server.close();
    throw error;
  }
}

async function serve(server: Server, starting: (req: IncomingMessage, res: ServerResponse) => void, config: FederaConfig, logger: Logger, clock: Clock, startedAt: Date, bodyDeadlineMs: number): Promise<FederaServer> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const serviceProviders = createServiceProviderRegistry(config.serviceProviders);
  const signing = await loadSigningMaterial(config, clock, logger, PROJECT_ROOT);
  const store: Store = openSqliteStore(join(config.dataDir, "federa.db"));
  let directory: (Directory & { url: string }) | undefined;
  try {
    directory = await createDirectory(config.directory, { logger });
    const idp: IdpContext = {
      config,
      clock,
      logger,
      directory,
      signing,
      serviceKey: loadOrCreateServiceKey(config.dataDir),
      serviceProviders,
      sessions: createSessionManager(store.idpSessions, config.idp.sessionMinutes, config.publicUrl.startsWith("https:")),
      throttle: createLoginThrottle(store.loginAttempts, config.idp.lockout),
      entityId: idpEntityId(config),
      secureCookies: config.publicUrl.startsWith("https:"),
    };
    const iam = createIamService(store.iam, clock);
    await seedLabWorld(iam, idpMetadata(idp), logger);
    const serviceKey = idp.serviceKey;
    const tokens = createSessionTokens(serviceKey);
    // One cache of compiled policies for every evaluation: trust, session and identity policies.
    const policies = createPolicyCache();
    // AssumeRoleWithSAML's parse, signature and claim checks run on threads of their own.
    const checkers = startAssertionCheckers({ logger });
    const sts: AssumeRoleWithSamlDeps = {
      iam,
      tokens,
      // Used assertions are kept in the store: a restart forgets none of them.
      replay: new StoreReplayCache(store.usedAssertions),
      acceptedRecipients: [AWS_SIGNIN_SAML, `https://${config.region}.signin.aws.amazon.com/saml`, `${config.publicUrl}/saml`],
      evaluateTrustPolicy: createTrustPolicyHook(iam, policies),
      checkSessionPolicy: createSessionPolicyCheck(policies),
      checkAssertion: (input, skewMs) => checkers.check(input, skewMs),
    };
    const app = express();
    app.disable("x-powered-by");
    app.set("etag", false);
    app.get("/health", health(startedAt));
    app.use(createIdpRouter(idp));
    // The console's routes go here, in order; they need KMS and the audit trail, made below.
    const consoleRoutes = express.Router();
    app.use(consoleRoutes);
    app.use((_req, res) => {
      res.status(404).type("text/plain").send("Not found\n");
    });
    app.use(errorHandler(logger));

    const drain = createDrain();
    server.off("request", starting);
    // The AWS APIs are the hot path: served without Express (ARCHITECTURE.md).
    const registry = createServiceRegistry<Caller>();
    const authorize = createAuthorizer(iam, { clock, cache: policies });
    const messages = createAuthorizationMessages(serviceKey);
    registry.register(stsService(sts, { authorize, messages }));
    registry.register(iamService({ iam, authorize, messages }));
    const rootKey = loadOrCreateFileRootKey(config.dataDir);
    const trail = createAuditTrail({ repository: store.audit, jsonlPath: join(config.dataDir, "trail", "cloudtrail.jsonl"), logger });
    // The KMS calls S3 makes for SSE-KMS are recorded too, as invoked by S3; GetKeyLastUsage reads
    // what the trail has written.
    const kms: KmsDeps = { repo: store.kms, rootKey, authorize, messages, policies, iam, clock, caches: new KeyCaches(), onServiceCall: trail.onCall, trailWritten: trail.flush };
    registry.register(kmsService(kms));
    // Deletion windows that end and automatic rotations that fall due, once a minute (keys are
    // also brought up to date whenever they are read).
    const kmsSchedules = startKmsScheduler(kms, 60_000, (error) => logger.error({ event: "kms.schedule.failed", err: error }, "KMS schedule failed"));
    // One credential lookup for the AWS APIs and S3.
    const lookup = createCredentialLookup(iam, tokens, clock);
    const awsApi = createAwsApiHandler(registry, { lookup, clock, logger, defaultRegion: config.region, onCall: trail.onCall });
    // S3 (streaming, its own dispatcher): object bodies under <data dir>/s3, encrypted with data keys
    // from the KMS engine in-process, asked for as the caller.
    const bodies = createObjectBodies({ dir: join(config.dataDir, "s3"), kms, rootKey });
    const s3 = createS3Service({
      repo: store.s3,
      bodies,
      authorize,
      policies,
      iam,
      lookup,
      clock,
      logger,
      onCall: trail.onCall,
    });
    consoleRoutes.use(createConsoleRouter({ clock, logger, iam, tokens, sts, secureCookies: idp.secureCookies, serviceKey, region: config.region, kms, s3: s3.invoke, messages, trail }));
    server.on("request", (req, res) => {
      // S3 first: its requests are SigV4-signed too, and virtual-hosted ones carry no other mark.
      if (isS3Request(req)) {
        drain.track(req, res);
        return s3.handler(req, res);
      }
      drain.track(req, res, startBodyDeadline(req, res, bodyDeadlineMs));
      if (isAwsApiRequest(req)) awsApi(req, res);
      else app(req, res);
    });
    const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${config.port}`;
    const purge = setInterval(() => {
      void store.idpSessions.purgeExpired(clock.now()).catch(() => undefined);
      void store.usedAssertions.purgeExpired(clock.now()).catch(() => undefined);
    }, 10 * 60_000);
    purge.unref();
    logger.info({ event: "server.started", url, directory: directory.url, dataDir: config.dataDir }, `federa listening on ${url}`);
    const dir = directory;
    let closing: Promise<void> | undefined;
    return {
      url,
      directoryUrl: dir.url,
      idp,
      iam,
      close: () =>
        (closing ??= (async () => {
          clearInterval(purge);
          await drain.close(server, 10_000);
          await trail.close();
          await checkers.close();
          await bodies.close();
          kmsSchedules.stop();
          await rootKey.close();
          await dir.close();
          await store.close();
          logger.info({ event: "server.stopped" }, "federa stopped");
        })()),
    };
  } catch (error) {
    await directory?.close().catch(() => undefined);
    await store.close();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
