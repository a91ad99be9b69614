// Request shapes of the services federa speaks, as the SDKs send them: STS and IAM Query POSTs,
// a presigned STS GET, KMS JSON, S3 with unsigned and signed payloads, odd characters, repeated
// and empty query values, and temporary credentials.
import type { SignInput } from "./sign.ts";
import { TEMP } from "./credentials.ts";

export const SIGNING_DATE = new Date("2024-05-01T12:00:00Z");

const form = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };

export const SHAPES: Record<string, SignInput> = {
  "sts GetCallerIdentity (POST form)": {
    method: "POST", path: "/", headers: form, body: "Action=GetCallerIdentity&Version=2011-06-15",
    service: "sts", region: "us-east-1", date: SIGNING_DATE,
  },
  "iam ListRoles (POST form, odd values)": {
    method: "POST", path: "/", headers: form, body: "Action=ListRoles&Version=2010-05-08&PathPrefix=%2Fa%20b%2B%7E%21",
    service: "iam", region: "us-east-1", date: SIGNING_DATE,
  },
  "sts presigned GET": {
    method: "GET", path: "/", query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
    service: "sts", region: "us-east-1", date: SIGNING_DATE, presignExpiresIn: 900,
  },
  "sts presigned GET with session token": {
    method: "GET", path: "/", query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
    service: "sts", region: "eu-west-1", date: SIGNING_DATE, presignExpiresIn: 60, credentials: TEMP,
  },
  "kms Encrypt (JSON 1.1, session token)": {
    method: "POST", path: "/",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "TrentService.Encrypt" },
    body: JSON.stringify({ KeyId: "alias/lab", Plaintext: "aGVsbG8=" }),
    service: "kms", region: "eu-central-1", date: SIGNING_DATE, credentials: TEMP,
  },
  "api with odd path and query (double-encoded path)": {
    method: "GET", path: "/a%20b/c%2Fd/~x(y)!*'/%E2%82%AC",
    query: { b: ["2", "1", ""], "a b": "x+y/z=&", e: "", "é": "ü€", Z: "upper" },
    headers: { "x-amz-meta-odd": "  spaced   out\tvalue  ", "content-type": "text/plain" },
    service: "execute-api", region: "ap-southeast-2", date: SIGNING_DATE,
  },
  "s3 GET, unsigned payload, odd key": {
    method: "GET", path: "/bucket/a%20b%2Bc/%28x%29/%E2%82%AC.txt",
    query: { "list-type": "2", prefix: "a b", "max-keys": "", "x-id": "GetObject" },
    headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD", range: "bytes=0-9" },
    service: "s3", region: "us-east-1", date: SIGNING_DATE, s3: true,
  },
  "s3 PUT, signed payload": {
    method: "PUT", path: "/bucket/key.bin", body: "hello, world\n",
    headers: { "content-type": "application/octet-stream", "x-amz-server-side-encryption": "aws:kms", "x-amz-content-sha256": "853ff93762a06ddbf722c4ebe9ddd66d8f63ddaea97f521c3ecc20da7c976020" },
    service: "s3", region: "us-east-1", date: SIGNING_DATE, s3: true,
  },
  "s3 presigned GET with session token": {
    method: "GET", path: "/bucket/reports/2024%2F05/file%20name.csv",
    query: { "response-content-disposition": "attachment; filename=\"a b.csv\"" },
    headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    service: "s3", region: "us-west-2", date: SIGNING_DATE, s3: true, presignExpiresIn: 3600, credentials: TEMP,
  },
  "s3 streaming upload (seed signature)": {
    method: "PUT", path: "/bucket/big.bin",
    headers: { "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "content-encoding": "aws-chunked", "x-amz-decoded-content-length": "66560" },
    service: "s3", region: "us-east-1", date: SIGNING_DATE, s3: true,
  },
  "s3 streaming unsigned payload with trailer": {
    method: "PUT", path: "/bucket/trailer.bin",
    headers: { "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-trailer": "x-amz-checksum-crc32" },
    service: "s3", region: "us-east-1", date: SIGNING_DATE, s3: true,
  },
};
