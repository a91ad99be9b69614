// Shared by the S3 API tests: AWS SDK v3 S3 clients against a running federa (path style,
// us-east-1), raw signed requests for what the SDK will not send, and small body helpers.
import { request } from "node:http";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { S3Client } from "@aws-sdk/client-s3";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { ROOT, cliEnvironment, type Credentials } from "../iam/helpers.ts";

export { ADFS, LAB, ROOT, SECOND, awsCli, refusal, type Credentials } from "../iam/helpers.ts";
export { federatedCredentials, kmsClient } from "../kms/helpers.ts";

/** The seed lab's RequireSSEKMS bucket policy (step 3), word for word. */
export function requireSseKms(bucket: string): object {
  return {
    Version: "2012-10-17",
    Id: "RequireSSEKMS",
    Statement: [
      {
        Sid: "DenyUploadIfNotSSEKMSEncrypted",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${bucket}/*`,
        Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
      },
    ],
  };
}

export function s3Client(url: string, credentials: Credentials = ROOT, region = "us-east-1"): S3Client {
  return new S3Client({ endpoint: url, region, credentials, forcePathStyle: true, maxAttempts: 1 });
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** A request signed as the SDKs sign S3 requests (the payload hash given, or UNSIGNED-PAYLOAD), sent as it is. */
export async function signedFetch(
  url: string,
  init: { method: string; path: string; query?: Record<string, string>; headers?: Record<string, string>; body?: Uint8Array | string; payloadHash?: string; host?: string },
  credentials: Credentials = ROOT,
  region = "us-east-1",
): Promise<RawResponse> {
  const signed = await signRequest(url, init, credentials, region);
  const query = new URLSearchParams(init.query ?? {}).toString().replace(/\+/g, "%20");
  const body = typeof init.body === "string" ? Buffer.from(init.body) : init.body ? Buffer.from(init.body) : undefined;
  return rawRequest(url, { method: init.method, path: `${init.path}${query ? `?${query}` : ""}`, headers: signed, ...(body ? { body } : {}) });
}

/** The headers of a signed S3 request. */
export async function signRequest(
  url: string,
  init: { method: string; path: string; query?: Record<string, string>; headers?: Record<string, string>; body?: Uint8Array | string; payloadHash?: string; host?: string },
  credentials: Credentials = ROOT,
  region = "us-east-1",
): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({ service: "s3", region, credentials, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const body = typeof init.body === "string" ? Buffer.from(init.body) : init.body;
  const headers: Record<string, string> = { host: init.host ?? target.host, ...(init.headers ?? {}) };
  if (init.payloadHash) headers["x-amz-content-sha256"] = init.payloadHash;
  if (body && headers["content-length"] === undefined) headers["content-length"] = String(body.length);
  const signed = await signer.sign({ method: init.method, protocol: "http:", hostname: target.hostname, port: Number(target.port), path: init.path, query: init.query ?? {}, headers, body });
  return signed.headers as Record<string, string>;
}

/** A presigned URL for the request (X-Amz-Expires `expiresIn` seconds, signed at `signingDate`). */
export async function presignedUrl(
  url: string,
  init: { method: string; path: string; query?: Record<string, string>; headers?: Record<string, string>; host?: string },
  options: { expiresIn?: number; signingDate?: Date } = {},
  credentials: Credentials = ROOT,
  region = "us-east-1",
): Promise<string> {
  const target = new URL(url);
  const signer = new SignatureV4({ service: "s3", region, credentials, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const presigned = await signer.presign(
    // As S3's presigner: the payload is unsigned (hoisted into the query as X-Amz-Content-Sha256).
    {
      method: init.method,
      protocol: "http:",
      hostname: target.hostname,
      port: Number(target.port),
      path: init.path,
      query: init.query ?? {},
      headers: { host: init.host ?? target.host, "x-amz-content-sha256": "UNSIGNED-PAYLOAD", ...(init.headers ?? {}) },
    },
    { expiresIn: options.expiresIn ?? 900, ...(options.signingDate ? { signingDate: options.signingDate } : {}) },
  );
  const query = Object.entries(presigned.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join("&");
  return `${url}${init.path}?${query}`;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };
const unescape = (text: string | undefined) => text?.replace(/&(?:amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e]!);

/** The <Code> and <Message> of an S3 XML error body. */
export function errorOf(xml: string): { code: string | undefined; message: string | undefined } {
  return { code: unescape(/<Code>([^<]*)<\/Code>/.exec(xml)?.[1]), message: unescape(/<Message>([^<]*)<\/Message>/.exec(xml)?.[1]) };
}

/** A plain HTTP request with headers fetch() will not send (Host), unsigned unless the caller signed it. */
export function rawRequest(url: string, options: { method: string; path: string; headers?: Record<string, string>; body?: Buffer }): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, method: options.method, path: options.path, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === "string") headers.set(name, value);
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** A body's bytes, from an SDK GetObject answer. */
export async function bytesOf(body: unknown): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export interface CliOutput {
  ok: boolean;
  stdout: string;
  /** stdout as JSON, when it is JSON. */
  json: any;
  stderr: string;
  /** For failures: the error code and message the CLI printed. */
  code: string | undefined;
  message: string | undefined;
}

/**
 * Runs /usr/bin/aws (v2) against federa as `credentials`, with empty config and credentials files
 * (so nothing of the machine leaks in); unlike ../iam/helpers.ts's awsCli, it keeps text output
 * (aws s3 ls prints no JSON).
 */
export function s3Cli(url: string): (args: string[], credentials?: Credentials) => Promise<CliOutput> {
  const home = mkdtempSync(join(tmpdir(), "federa-s3-cli-home-"));
  writeFileSync(join(home, "config"), "");
  writeFileSync(join(home, "credentials"), "");
  const run = promisify(execFile);
  return async (args, credentials = ROOT) => {
    const env = cliEnvironment(home, credentials);
    const parse = (text: string) => {
      try {
        return text.trim() ? JSON.parse(text) : undefined;
      } catch {
        return undefined;
      }
    };
    try {
      const { stdout, stderr } = await run("/usr/bin/aws", [...args, "--endpoint-url", url, "--output", "json"], { env, maxBuffer: 16 * 1024 * 1024 });
      return { ok: true, stdout, json: parse(stdout), stderr, code: undefined, message: undefined };
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string };
      const stderr = String(failure.stderr ?? "");
      const stdout = String(failure.stdout ?? "");
      const m = /An error occurred \((\w+(?:\.\w+)?)\) when calling the \w+ operation: (.*)/.exec(stderr + stdout);
      return { ok: false, stdout, json: undefined, stderr: stderr + stdout, code: m?.[1], message: m?.[2]?.trim() };
    }
  };
}
