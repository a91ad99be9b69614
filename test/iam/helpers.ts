// Shared by the IAM API tests: the AWS CLI v2 against a running federa (with empty config and
// credentials files, so nothing of the machine's leaks in), AWS SDK v3 IAM clients, and SAML
// assertions from federa's own IdP.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { IAMClient } from "@aws-sdk/client-iam";
import { Browser, readForm, samlResponseOf } from "../support/browser.ts";

const run = promisify(execFile);

export const LAB = "111122223333";
export const SECOND = "444455556666";
export const ADFS = `arn:aws:iam::${LAB}:saml-provider/ADFS`;
export const ROOT = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface CliResult {
  ok: boolean;
  json: any;
  /** For failures: the error code and message the CLI printed. */
  code: string | undefined;
  message: string | undefined;
  stderr: string;
}

/** The AWS CLI's environment: empty config and credentials files under `home` (nothing of the machine leaks in), and `credentials`. */
export function cliEnvironment(home: string, credentials: Credentials): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: join(home, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_PAGER: "",
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
  };
}

/** Runs /usr/bin/aws (v2) against federa as `credentials` (the lab's root unless given). */
export function awsCli(url: string): (args: string[], credentials?: Credentials) => Promise<CliResult> {
  const home = mkdtempSync(join(tmpdir(), "federa-iam-cli-"));
  writeFileSync(join(home, "config"), "");
  writeFileSync(join(home, "credentials"), "");
  return async (args, credentials = ROOT) => {
    const env = cliEnvironment(home, credentials);
    try {
      const { stdout, stderr } = await run("/usr/bin/aws", [...args, "--endpoint-url", url, "--output", "json"], { env });
      return { ok: true, json: stdout.trim() ? JSON.parse(stdout) : undefined, code: undefined, message: undefined, stderr };
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr);
      const m = /An error occurred \((\w+)\) when calling the \w+ operation: (.*)/.exec(stderr);
      return { ok: false, json: undefined, code: m?.[1], message: m?.[2] === undefined ? undefined : awsMessage(m[2].trim()), stderr };
    }
  };
}

export function iamClient(url: string, credentials: Credentials = ROOT): IAMClient {
  return new IAMClient({ region: "us-east-1", endpoint: url, credentials, maxAttempts: 1 });
}

/** A SAMLResponse (base64) for a directory user, from federa's IdP-initiated sign-on to AWS. */
export async function samlAssertion(url: string, username: string, password: string): Promise<string> {
  const browser = new Browser(url);
  const form = readForm((await browser.get("/idp/sso/init?sp=urn:amazon:webservices")).html);
  return samlResponseOf(await browser.submit(form, { username, password })).base64;
}

/** A trust policy for SAML federation through a provider, as AWS's console writes it. */
export function samlTrustPolicy(provider: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: provider },
        Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
        Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
      },
    ],
  });
}

export function allow(actions: string | string[], resource: string | string[] = "*"): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: resource }] });
}

/** What an SDK call was refused with. */
export async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: awsMessage(e.message), status: e.$metadata?.httpStatusCode };
  }
  throw new Error("the call was not refused");
}

/**
 * AWS's own words of an AccessDenied: federa appends an encoded authorization message (for
 * DecodeAuthorizationMessage) to every one; it must be there, and it is compared apart. S3's
 * refusals carry none (S3 encodes nothing; it names the resource in quotes).
 */
export function awsMessage(message: string): string {
  if (!message.includes("is not authorized to perform")) return message;
  if (/ on resource: "arn:aws:s3:::[^"]*" (with an explicit deny in|because no) /.test(message)) return message;
  const match = /^(.*)\. Encoded authorization failure message: [A-Za-z0-9_.-]+$/s.exec(message);
  if (!match) throw new Error(`AccessDenied without an encoded authorization message: ${message}`);
  return match[1]!;
}
