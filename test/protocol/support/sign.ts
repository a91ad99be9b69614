// Signs requests with the AWS SDK's own signer (@smithy/signature-v4 with @aws-crypto/sha256-js)
// and turns them into what the server sees: raw path, raw query (encoded as the SDK's HTTP handler
// encodes it), lower-case headers and the body's hash. The oracle of the parity tests.
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { createHash } from "node:crypto";
import type { SignedRequest } from "../../../src/protocol/index.ts";

export const AKID = "AKIAIOSFODNN7EXAMPLE";
export const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

export interface SignInput {
  method: string;
  /** The path as the SDK sends it (already encoded). */
  path: string;
  query?: Record<string, string | string[] | null>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  service: string;
  region: string;
  date: Date;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** S3 rules: the path is not double-encoded. */
  s3?: boolean;
  /** The Host header to sign; "127.0.0.1:4577" unless given. */
  host?: string;
  /** Presign instead of signing headers. */
  presignExpiresIn?: number;
}

/** encodeURIComponent plus !'()*, as the SDK escapes. */
export function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** The query string the SDK's HTTP handler puts on the wire. */
export function buildQueryString(query: Record<string, string | string[] | null>): string {
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    const name = escapeUri(key);
    if (Array.isArray(value)) for (const item of value) parts.push(`${name}=${escapeUri(item)}`);
    else if (value === null || value === undefined) parts.push(name);
    else parts.push(`${name}=${escapeUri(value)}`);
  }
  return parts.join("&");
}

export interface Signed {
  request: SignedRequest;
  body: Buffer;
  /** The signed headers as the SDK produced them (original case). */
  headers: Record<string, string>;
}

export async function sign(input: SignInput): Promise<Signed> {
  const signer = new SignatureV4({
    credentials: input.credentials ?? { accessKeyId: AKID, secretAccessKey: SECRET },
    region: input.region,
    service: input.service,
    sha256: Sha256,
    uriEscapePath: !input.s3,
  });
  const body = input.body === undefined ? Buffer.alloc(0) : Buffer.from(input.body);
  const request = {
    method: input.method,
    protocol: "https:",
    hostname: "localhost",
    path: input.path,
    query: { ...(input.query ?? {}) },
    headers: { host: input.host ?? "127.0.0.1:4577", ...(input.headers ?? {}) },
    body: input.body === undefined ? undefined : input.body,
  };
  const signed =
    input.presignExpiresIn === undefined
      ? await signer.sign(request as never, { signingDate: input.date })
      : await signer.presign(request as never, { signingDate: input.date, expiresIn: input.presignExpiresIn });
  const out = signed as unknown as { path: string; query: Record<string, string | string[] | null>; headers: Record<string, string> };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(out.headers)) headers[name.toLowerCase()] = value;
  return {
    request: {
      method: input.method,
      rawPath: out.path,
      rawQuery: buildQueryString(out.query ?? {}),
      headers,
      bodySha256Hex: createHash("sha256").update(body).digest("hex"),
    },
    body,
    headers: out.headers,
  };
}
