// `federa trail`: the audit trail that `federa start` keeps, read from the data directory's
// SQLite store: newest first, filtered, as a table or as CloudTrail events in JSON Lines.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Command, Option } from "commander";
import { loadConfig } from "../../config/index.ts";
import { openSqliteStore, type AuditFilter } from "../../store/index.ts";
import { readTrail } from "../../audit/index.ts";
import { FederaError } from "../../shared/index.ts";
import { parseEventName, parseEventSource, parseLimit, parseTime } from "./options.ts";
import { renderTable } from "./table.ts";

export interface TrailOptions {
  config?: string;
  dataDir?: string;
  eventName?: string;
  eventSource?: string;
  user?: string;
  since?: Date;
  until?: Date;
  errors?: boolean;
  limit: number;
  json?: boolean;
}

const DEFAULT_LIMIT = 100;

export function trailCommand(): Command {
  return new Command("trail")
    .description("List the audit trail: every AWS API call federa answered (STS, IAM, KMS, S3, and the KMS calls S3 makes), allowed or refused, as CloudTrail events, newest first.")
    .option("-c, --config <file>", "the configuration file whose dataDir to read (env FEDERA_CONFIG), as federa start")
    .option("-d, --data-dir <dir>", "the data directory federa start uses (env FEDERA_DATA_DIR; default ./.federa)")
    .addOption(new Option("--event-name <name>", "only this API operation, e.g. Decrypt or AssumeRoleWithSAML").argParser(parseEventName))
    .addOption(new Option("--event-source <source>", "only this service: kms, sts, iam, s3 (or kms.amazonaws.com)").argParser(parseEventSource))
    .option("--user <text>", "only calls whose principal ARN contains this text, e.g. assumed-role/ADFS-Developers or alice")
    .addOption(new Option("--since <time>", "only calls at or after this time: ISO 8601 (2026-11-28T21:00:00Z) or a time ago (30s, 15m, 2h, 1d, 1w)").argParser((v) => parseTime(v)))
    .addOption(new Option("--until <time>", "only calls before this time, written as for --since").argParser((v) => parseTime(v)))
    .option("--errors", "only refused or failed calls (those with an errorCode)")
    .addOption(new Option("--limit <n>", "at most this many events, the newest").argParser(parseLimit).default(DEFAULT_LIMIT, String(DEFAULT_LIMIT)))
    .option("--json", "print each event whole, one CloudTrail JSON event per line (JSON Lines), instead of a table")
    .addHelpText(
      "after",
      `
The table shows each call's time (UTC), event source, event name, principal ARN and error code.
federa start writes the same events to <data dir>/trail/cloudtrail.jsonl as they happen. Events
never hold a plaintext, password, SAML assertion, secret access key or session token.

Examples:
  federa trail --event-source kms --errors --since 1h
  federa trail --user assumed-role/ADFS-Developers --json | jq .requestParameters`,
    )
    // A bad option or value is a usage error: exit code 2 (help itself exits 0).
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .action(async (options: TrailOptions) => {
      await runTrail(options);
    });
}

export async function runTrail(options: TrailOptions): Promise<void> {
  if (options.since && options.until && options.since >= options.until) throw new UsageError("--since must be before --until");
  const dataDir = loadConfig({ ...(options.config ? { configFile: options.config } : {}), overrides: { dataDir: options.dataDir } }).dataDir;
  const path = join(dataDir, "federa.db");
  // Opening would create an empty store: say there is none instead.
  if (!existsSync(path)) throw new UsageError(`no federa store in ${dataDir} (give the data directory of federa start with --data-dir)`);
  const filter: AuditFilter = {
    limit: options.limit,
    ...(options.eventName ? { eventName: options.eventName } : {}),
    ...(options.eventSource ? { eventSource: options.eventSource } : {}),
    ...(options.user ? { principal: options.user } : {}),
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
    ...(options.errors ? { errorsOnly: true } : {}),
  };
  const store = openSqliteStore(path);
  try {
    const events = await readTrail(store.audit, filter);
    if (options.json) process.stdout.write(events.map((event) => JSON.stringify(event) + "\n").join(""));
    else process.stdout.write(events.length > 0 ? renderTable(events) : "no events\n");
  } finally {
    await store.close();
  }
}

/** A usage mistake: main answers FederaErrors with their message and exit code 2. */
class UsageError extends FederaError {
  constructor(message: string) {
    super("ERR_USAGE", message);
  }
}
