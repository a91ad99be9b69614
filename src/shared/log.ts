// Structured JSON logs (pino). Secrets never reach here: callers log codes and identifiers only,
// and the redaction list below is a second net for field names that could carry one.
import { pino, type Logger, type LevelWithSilent } from "pino";

export type { Logger };

export const REDACTED_FIELDS = [
  "password",
  "*.password",
  "SAMLResponse",
  "*.SAMLResponse",
  "SAMLRequest",
  "*.SAMLRequest",
  "secretAccessKey",
  "*.secretAccessKey",
  "*.*.secretAccessKey",
  "sessionToken",
  "*.sessionToken",
  "*.*.sessionToken",
  "req.headers.authorization",
  "req.headers.cookie",
];

export function createLogger(level: LevelWithSilent = "info", destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { service: "federa" },
    redact: { paths: REDACTED_FIELDS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

export const silentLogger: Logger = pino({ level: "silent" });
