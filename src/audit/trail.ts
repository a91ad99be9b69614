// The audit trail: every reported AWS API call becomes a CloudTrail event, appended to the store
// (store.audit, which `federa trail` reads) and, as one JSON line, to a file that log shippers can
// follow. Writes happen in order, off the request's path; a failing write is logged and the
// server carries on. Events are built with their secrets already scrubbed (cloudtrail-event.ts).
import { mkdir, open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { silentLogger, type Logger } from "../shared/index.ts";
import type { AuditEventRow, AuditFilter, AuditRepository } from "../store/index.ts";
import type { ApiCallRecord } from "../protocol/index.ts";
import { toCloudTrailEvent, type CloudTrailEvent, type CloudTrailEventOptions, type TrailCaller } from "./cloudtrail-event.ts";
import { eventsPerAccount } from "./cross-account.ts";
import { usedKeysOf } from "./key-usage.ts";

export interface AuditTrailOptions {
  repository: AuditRepository;
  /** The JSON Lines file (created with its directory; mode 0600). */
  jsonlPath: string;
  logger?: Logger;
  /** Only calls to these services (e.g. ["kms"]) are recorded; all when absent. */
  services?: readonly string[];
}

export interface AuditTrail {
  /** The dispatcher's hook (createAwsApiHandler's onCall): records the call; never throws. */
  onCall(call: ApiCallRecord<TrailCaller>): void;
  /** Stored events, newest first, once every pending write is done. */
  list(filter?: AuditFilter): Promise<CloudTrailEvent[]>;
  /** Resolves once every event recorded so far has been written (or its write has failed). */
  flush(): Promise<void>;
  /** Writes what is pending, then closes the file; later calls are not recorded. */
  close(): Promise<void>;
}

/** The store's row for an event: the columns `federa trail` filters on, the KMS keys it used, and the event itself. */
export function toAuditRow(event: CloudTrailEvent): AuditEventRow {
  return {
    eventId: event.eventID,
    eventTime: new Date(event.eventTime),
    eventSource: event.eventSource,
    eventName: event.eventName,
    accountId: event.recipientAccountId,
    principalArn: event.userIdentity.arn,
    errorCode: event.errorCode,
    requestId: event.requestID,
    usedKeys: usedKeysOf(event),
    document: event,
  };
}

/** Stored events, newest first. */
export async function readTrail(repository: AuditRepository, filter: AuditFilter = {}): Promise<CloudTrailEvent[]> {
  const rows = await repository.list(filter);
  return rows.map((row) => row.document as CloudTrailEvent);
}

/** The most calls whose events are built and written together. */
const MAX_BATCH = 512;

export function createAuditTrail(options: AuditTrailOptions): AuditTrail {
  const { repository, jsonlPath } = options;
  const logger = options.logger ?? silentLogger;
  const services = options.services ? new Set(options.services) : undefined;
  // Calls wait here, as the dispatcher reported them, while the previous batch is being written;
  // then they become events together, each serialised once for both sinks.
  let queue: ApiCallRecord<TrailCaller>[] = [];
  let draining: Promise<void> | undefined;
  let file: FileHandle | undefined;
  let closed = false;

  function onCall(call: ApiCallRecord<TrailCaller>): void {
    if (closed || (services && !services.has(call.service))) return;
    queue.push(call);
    drain();
  }

  function drain(): void {
    if (draining) return;
    draining = writeQueued().finally(() => {
      draining = undefined;
      if (queue.length > 0) drain();
    });
  }

  // What the redaction took out of the event being built (one event at a time: building is synchronous).
  let redacted: string[] = [];
  const eventOptions: CloudTrailEventOptions = { onRedacted: (path, reason) => reason === "secret-name" && redacted.push(path) };

  /** The call's event, or undefined (logged) when it cannot be built. */
  function eventOf(call: ApiCallRecord<TrailCaller>): CloudTrailEvent | undefined {
    try {
      redacted = [];
      const event = toCloudTrailEvent(call, eventOptions);
      if (redacted.length > 0) {
        // A bug in an operation's trail facts: say where, never what.
        logger.warn({ event: "audit.secret_redacted", service: call.service, operation: call.operation, paths: redacted }, "secret-named members were taken out of a trail event");
      }
      return event;
    } catch (error) {
      logger.error({ event: "audit.event_failed", service: call.service, operation: call.operation, errorName: (error as Error)?.name }, "could not build a trail event");
      return undefined;
    }
  }

  /**
   * Takes the queued calls, builds their events, and hands them to the store at once. Only the
   * store's promise and the file's lines are kept while the writes are awaited: the events
   * themselves are garbage by then (the trail would otherwise keep every batch alive long
   * enough for the collector to copy it).
   */
  function startBatch(): { stored: Promise<void>; lines: string } | undefined {
    // At most MAX_BATCH calls at once: after a slow write, a long queue is built in turns, between
    // which requests are served, rather than in one stretch.
    const calls = queue.length <= MAX_BATCH ? queue : queue.slice(0, MAX_BATCH);
    queue = calls === queue ? [] : queue.slice(MAX_BATCH);
    const rows: AuditEventRow[] = [];
    let lines = "";
    for (const call of calls) {
      const built = eventOf(call);
      if (!built) continue;
      for (const event of eventsPerAccount(built)) {
        const json = JSON.stringify(event);
        const row = toAuditRow(event);
        row.documentJson = json;
        rows.push(row);
        lines += json + "\n";
      }
    }
    if (rows.length === 0) return undefined;
    // One transaction for the batch: under load, many calls' events share one commit.
    let stored: Promise<void>;
    try {
      stored = repository.appendMany(rows);
    } catch (error) {
      stored = Promise.reject(error);
    }
    return { stored, lines };
  }

  async function writeQueued(): Promise<void> {
    while (queue.length > 0) {
      const batch = startBatch();
      if (!batch) continue;
      try {
        await batch.stored;
      } catch (error) {
        writeFailed("store", error);
      }
      await appendLines(batch.lines);
    }
  }

  async function appendLines(text: string): Promise<void> {
    try {
      file ??= await openTrailFile(jsonlPath);
      await file.appendFile(text, "utf8");
    } catch (error) {
      writeFailed("file", error);
      // Open afresh next time: the directory may be back, the disk may have room.
      const broken = file;
      file = undefined;
      await broken?.close().catch(() => undefined);
    }
  }

  function writeFailed(target: "store" | "file", error: unknown): void {
    const failure = error as { name?: unknown; code?: unknown } | undefined;
    logger.error(
      { event: "audit.write_failed", target, ...(target === "file" ? { path: jsonlPath } : {}), errorName: failure?.name, errorCode: failure?.code },
      `could not write to the audit trail's ${target}`,
    );
  }

  async function flush(): Promise<void> {
    while (draining) await draining;
  }

  return {
    onCall,
    flush,
    async list(filter = {}) {
      await flush();
      return readTrail(repository, filter);
    },
    async close() {
      closed = true;
      await flush();
      const handle = file;
      file = undefined;
      await handle?.close();
    },
  };
}

async function openTrailFile(path: string): Promise<FileHandle> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const handle = await open(path, "a", 0o600);
  try {
    // A file that was already there keeps its mode on open: narrow it.
    await handle.chmod(0o600);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
