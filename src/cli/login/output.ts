// Where `federa login` puts the credentials: a named profile in the AWS shared credentials file,
// environment variables for a shell, or the JSON a `credential_process` must print.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { parse, stringify } from "ini";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export function credentialsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), ".aws", "credentials");
}

/** Writes (or replaces) one profile, keeping the file's other profiles; the file is private (0600). */
export function writeProfile(path: string, profile: string, credentials: Credentials, region?: string): void {
  const existing = existsSync(path) ? parse(readFileSync(path, "utf8")) : {};
  existing[profile] = {
    aws_access_key_id: credentials.accessKeyId,
    aws_secret_access_key: credentials.secretAccessKey,
    aws_session_token: credentials.sessionToken,
    x_security_token_expires: credentials.expiration.toISOString(),
    ...(region ? { region } : {}),
  };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, stringify(existing, { whitespace: true }), { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function environmentLines(credentials: Credentials): string {
  return [
    `export AWS_ACCESS_KEY_ID=${credentials.accessKeyId}`,
    `export AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`,
    `export AWS_SESSION_TOKEN=${credentials.sessionToken}`,
    `export AWS_CREDENTIAL_EXPIRATION=${credentials.expiration.toISOString()}`,
    "",
  ].join("\n");
}

export function credentialProcessJson(credentials: Credentials): string {
  return (
    JSON.stringify({
      Version: 1,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: credentials.expiration.toISOString(),
    }) + "\n"
  );
}
