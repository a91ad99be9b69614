// Starts a real federa (embedded directory, fresh data directory, free port on 127.0.0.1) for a
// test file, and stops it afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig } from "../../src/config/index.ts";
import { startFederaServer, type FederaServer } from "../../src/server/index.ts";
import { silentLogger, type Clock } from "../../src/shared/index.ts";

export interface RunningFedera {
  url: string;
  server: FederaServer;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startFedera(overrides: Record<string, unknown> = {}, options: { clock?: Clock; dataDir?: string; bodyDeadlineMs?: number } = {}): Promise<RunningFedera> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "federa-test-"));
  const config = resolveConfig({ port: 0, dataDir, logLevel: "silent", ...overrides });
  const server = await startFederaServer(config, {
    logger: silentLogger,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.bodyDeadlineMs ? { bodyDeadlineMs: options.bodyDeadlineMs } : {}),
  });
  return {
    url: server.url,
    server,
    dataDir,
    async stop() {
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
