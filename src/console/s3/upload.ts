// The upload form's request: multipart/form-data with the session's CSRF token and the properties
// (the object's key, server-side encryption: the bucket's default, SSE-S3, or SSE-KMS with a key
// picked from the account's keys or entered as an ARN) before the file, as the form orders them.
// The token is checked before a byte of the file is taken. The file is held in memory up to
// MAX_CONSOLE_UPLOAD (PutObject needs its length, which a form does not send) and then stored with
// one PutObject as the signed-in caller: bucket policy, IAM and KMS decide as for the API.
import busboy from "busboy";
import type { Request } from "express";
import { csrfMatches, CSRF_FIELD } from "../csrf.ts";
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";
import { callS3 } from "../calls/s3-call.ts";
import type { Problem } from "../calls/problem.ts";
import { kmsChoice } from "./actions.ts";

/** The largest file the console uploads (the AWS CLI and SDKs take up to 5 GB in one PutObject). */
export const MAX_CONSOLE_UPLOAD = 64 * 1024 * 1024;
const MAX_KEY_BYTES = 1024;

export type SseChoice = "default" | "AES256" | "aws:kms";

export interface UploadDrafts {
  sse: SseChoice;
  key: string;
  kmsKeyArn: string;
  objectKey: string;
}

export type UploadResult =
  | { ok: true; objectKey: string }
  | { ok: false; status: number; csrf?: true; problem?: Problem; errors?: Partial<Record<string, string>>; drafts: UploadDrafts };

interface ParsedForm {
  fields: Record<string, string>;
  file?: { name: string; type: string; bytes: Buffer };
  csrfRefused: boolean;
  tooLarge: boolean;
}

/** Reads the form: fields, then the one file (only when the token before it matched). */
function readForm(req: Request, csrf: string): Promise<ParsedForm> {
  return new Promise((resolve, reject) => {
    const parsed: ParsedForm = { fields: {}, csrfRefused: false, tooLarge: false };
    let form: busboy.Busboy;
    try {
      form = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fieldSize: 16 * 1024, fileSize: MAX_CONSOLE_UPLOAD, parts: 24 } });
    } catch (error) {
      reject(error);
      return;
    }
    form.on("field", (name, value) => {
      if (!Object.hasOwn(parsed.fields, name)) parsed.fields[name] = value;
    });
    form.on("file", (_name, stream, info) => {
      if (!csrfMatches(csrf, parsed.fields[CSRF_FIELD])) {
        parsed.csrfRefused = true;
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => {
        parsed.tooLarge = true;
        chunks.length = 0;
      });
      stream.on("end", () => {
        if (!parsed.tooLarge) parsed.file = { name: info.filename ?? "", type: info.mimeType, bytes: Buffer.concat(chunks) };
      });
    });
    form.on("close", () => resolve(parsed));
    form.on("error", reject);
    req.pipe(form);
  });
}

function draftsOf(fields: Record<string, string>): UploadDrafts {
  const sse = fields["sse"];
  return {
    sse: sse === "AES256" || sse === "aws:kms" ? sse : "default",
    key: fields["key"] ?? "",
    kmsKeyArn: fields["key-arn"] ?? "",
    objectKey: fields["object-key"] ?? "",
  };
}

export async function uploadFromForm(ctx: ConsoleContext, who: SignedIn, bucket: string, req: Request): Promise<UploadResult> {
  let form: ParsedForm;
  try {
    form = await readForm(req, who.csrf);
  } catch {
    return { ok: false, status: 400, errors: { file: "The form could not be read: choose the file again and upload." }, drafts: draftsOf({}) };
  }
  const drafts = draftsOf(form.fields);
  if (form.csrfRefused || !csrfMatches(who.csrf, form.fields[CSRF_FIELD])) return { ok: false, status: 403, csrf: true, drafts };
  if (form.tooLarge) return { ok: false, status: 413, errors: { file: `The file is larger than the console's ${MAX_CONSOLE_UPLOAD / 1024 / 1024} MiB limit: upload it with the AWS CLI (aws s3 cp) instead.` }, drafts };
  if (!form.file || form.file.name === "") return { ok: false, status: 400, errors: { file: "Choose a file to upload." }, drafts };
  const objectKey = drafts.objectKey.trim() !== "" ? drafts.objectKey.trim() : form.file.name;
  if (Buffer.byteLength(objectKey, "utf8") > MAX_KEY_BYTES) return { ok: false, status: 400, errors: { "object-key": "An object key is at most 1,024 bytes." }, drafts };
  const headers: Record<string, string> = { "content-length": String(form.file.bytes.length), "content-type": form.file.type || "application/octet-stream" };
  if (drafts.sse === "AES256") headers["x-amz-server-side-encryption"] = "AES256";
  if (drafts.sse === "aws:kms") {
    const key = kmsChoice(form.fields);
    if (key.error) return { ok: false, status: 400, errors: { "key-arn": key.error }, drafts };
    headers["x-amz-server-side-encryption"] = "aws:kms";
    if (key.keyId) headers["x-amz-server-side-encryption-aws-kms-key-id"] = key.keyId;
  }
  const put = await callS3(ctx, who, { method: "PUT", bucket, key: objectKey, headers, body: form.file.bytes });
  return put.ok ? { ok: true, objectKey } : { ok: false, status: put.problem.status, problem: put.problem, drafts };
}
