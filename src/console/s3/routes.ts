// The console's S3 routes: the buckets (list, create), a bucket's page and its forms (upload,
// delete an object, default encryption, bucket policy, delete the bucket), and downloading an
// object. Every S3 request runs as the signed-in caller (calls/s3-call.ts).
import type { Request, Response, Router } from "express";
import { html } from "../../shared/index.ts";
import { field, newNonce, sendPage } from "../../idp/index.ts";
import type { ConsoleContext } from "../context.ts";
import { queryParam, signedIn, whoOf, type Guards, type SignedIn } from "../signed-in.ts";
import { callS3 } from "../calls/s3-call.ts";
import type { Problem } from "../calls/problem.ts";
import { consolePage } from "../views/layout.ts";
import { refuseForm } from "../form-refused.ts";
import { problemView } from "../views/problem.ts";
import { bucketsPage } from "../views/buckets-list.ts";
import { bucketPage } from "../views/bucket-page.ts";
import { seg } from "../views/format.ts";
import { loadBucket, loadBuckets } from "./load.ts";
import { BUCKET_ACTIONS, BUCKET_DONE, createBucket, deleteBucket, type BucketDrafts, type BucketSection } from "./actions.ts";
import { uploadFromForm, type UploadDrafts } from "./upload.ts";
import { headerOf } from "./answers.ts";

/** Names S3 could take: the rest is S3's to judge (InvalidBucketName). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const bucketPathOf = (bucket: string) => `/console/s3/buckets/${seg(bucket)}`;
const NO_UPLOAD: UploadDrafts = { sse: "default", key: "", kmsKeyArn: "", objectKey: "" };

/** Response headers of an object that a download passes on. */
const DOWNLOAD_HEADERS = ["content-type", "etag", "last-modified", "x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id"];

export function registerS3Routes(router: Router, ctx: ConsoleContext, guards: Guards): void {
  router.get("/console/s3", ...guards.get, async (req, res) => {
    const who = signedIn(res);
    const done = queryParam(req, "done");
    await renderBuckets(ctx, res, who, 200, done === "bucket-deleted" ? { flash: "The bucket was deleted." } : {});
  });

  router.post("/console/s3/create", ...guards.post, async (req, res) => {
    const who = signedIn(res);
    const name = (field(req.body, "name") ?? "").trim();
    if (!BUCKET_NAME.test(name)) {
      return renderBuckets(ctx, res, who, 400, { create: { name, error: "A bucket name is 3–63 lower-case letters, digits, dots and hyphens, beginning and ending with a letter or digit." } });
    }
    const created = await createBucket(ctx, who, name);
    if (!created.ok) return renderBuckets(ctx, res, who, created.problem.status, { create: { name, problem: created.problem } });
    res.redirect(303, `${bucketPathOf(name)}?done=created`);
  });

  router.get("/console/s3/buckets/:bucket", ...guards.get, async (req, res) => {
    const who = signedIn(res);
    const bucket = bucketOf(req);
    if (!bucket) return notFound(res, who);
    const done = queryParam(req, "done");
    const token = queryParam(req, "token");
    await renderBucket(ctx, res, who, bucket, 200, { ...(done && BUCKET_DONE[done] ? { flash: BUCKET_DONE[done] } : {}), ...(token ? { token } : {}) });
  });

  router.get("/console/s3/buckets/:bucket/object", ...guards.get, async (req, res) => {
    const who = signedIn(res);
    const bucket = bucketOf(req);
    const key = queryParam(req, "key");
    if (!bucket || !key) return notFound(res, who);
    const controller = new AbortController();
    res.once("close", () => controller.abort());
    const got = await callS3(ctx, who, { method: "GET", bucket, key, signal: controller.signal });
    if (!got.ok) return renderBucket(ctx, res, who, bucket, got.problem.status, { problems: { objects: got.problem } });
    const stream = got.output.stream;
    for (const name of DOWNLOAD_HEADERS) {
      const value = headerOf(got.output, name);
      if (value !== undefined) res.setHeader(name, value);
    }
    const filename = key.slice(key.lastIndexOf("/") + 1) || "download";
    res.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    res.setHeader("Cache-Control", "no-store");
    res.status(200);
    if (!stream) return res.end();
    res.setHeader("Content-Length", stream.length);
    try {
      for await (const chunk of stream.source) {
        if (!res.write(chunk)) await drained(res);
        if (res.destroyed) break;
      }
      res.end();
    } catch {
      res.destroy();
    }
  });

  // Multipart: no urlencoded body and no requireCsrf; uploadFromForm checks the token before the file.
  router.post("/console/s3/buckets/:bucket/upload", ...guards.get, async (req, res) => {
    const who = signedIn(res);
    const bucket = bucketOf(req);
    if (!bucket) return notFound(res, who);
    const result = await uploadFromForm(ctx, who, bucket, req);
    if (result.ok) return res.redirect(303, `${bucketPathOf(bucket)}?done=uploaded#objects`);
    if (result.csrf) return refuseForm(ctx.logger, res, req.path, { href: bucketPathOf(bucket), text: "Back to the bucket" });
    await renderBucket(ctx, res, who, bucket, result.status, { upload: result.drafts, ...(result.problem ? { problems: { upload: result.problem } } : {}), ...(result.errors ? { errors: result.errors } : {}) });
  });

  router.post("/console/s3/buckets/:bucket/delete", ...guards.post, async (req, res) => {
    const who = signedIn(res);
    const bucket = bucketOf(req);
    if (!bucket) return notFound(res, who);
    const result = await deleteBucket(ctx, who, bucket, req.body);
    if (result.ok) return res.redirect(303, "/console/s3?done=bucket-deleted");
    await renderBucket(ctx, res, who, bucket, result.problem?.status ?? 400, actionFailure(result));
  });

  for (const [name, action] of Object.entries(BUCKET_ACTIONS)) {
    router.post(`/console/s3/buckets/:bucket/${name}`, ...guards.post, async (req, res) => {
      const who = signedIn(res);
      const bucket = bucketOf(req);
      if (!bucket) return notFound(res, who);
      const result = await action(ctx, who, bucket, req.body);
      if (result.ok) return res.redirect(303, `${bucketPathOf(bucket)}?done=${result.done}#${result.section}`);
      await renderBucket(ctx, res, who, bucket, result.problem?.status ?? 400, actionFailure(result));
    });
  }
}

/** Resolves once the response takes more, or the browser went away. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

function actionFailure(result: { section: BucketSection; problem?: Problem; errors?: Partial<Record<string, string>>; drafts?: BucketDrafts }): BucketRender {
  return {
    ...(result.problem ? { problems: { [result.section]: result.problem } } : {}),
    ...(result.errors ? { errors: result.errors } : {}),
    ...(result.drafts ? { drafts: result.drafts } : {}),
  };
}

function bucketOf(req: Request): string | undefined {
  const name = req.params["bucket"];
  return typeof name === "string" && BUCKET_NAME.test(name) ? name : undefined;
}

function notFound(res: Response, who: SignedIn): void {
  const nonce = newNonce();
  const body = html`<h1>Not found</h1><p>That is not a bucket or object this console can open. <a href="/console/s3">Back to the buckets</a>.</p>`;
  sendPage(res, 404, consolePage({ nonce, title: "Not found", area: "s3", who: whoOf(who), body }), nonce);
}

interface BucketsRender {
  flash?: string;
  create?: { name: string; error?: string; problem?: Problem };
}

async function renderBuckets(ctx: ConsoleContext, res: Response, who: SignedIn, status: number, o: BucketsRender): Promise<void> {
  const nonce = newNonce();
  const buckets = await loadBuckets(ctx, who);
  sendPage(res, status, bucketsPage({ nonce, who: whoOf(who), csrf: who.csrf, region: ctx.region, buckets, ...o }), nonce);
}

interface BucketRender {
  flash?: string;
  token?: string;
  problems?: Partial<Record<BucketSection, Problem>>;
  errors?: Partial<Record<string, string>>;
  drafts?: BucketDrafts;
  upload?: UploadDrafts;
}

async function renderBucket(ctx: ConsoleContext, res: Response, who: SignedIn, bucket: string, status: number, o: BucketRender): Promise<void> {
  const nonce = newNonce();
  const detail = await loadBucket(ctx, who, bucket, o.token);
  // A bucket that is not there (or not the caller's to see) is the listing's problem: say so alone.
  if (!detail.objects.ok && (detail.objects.problem.code === "NoSuchBucket")) {
    const body = html`<p><a href="/console/s3">S3 buckets</a> › <span class="mono">${bucket}</span></p><h1>${bucket}</h1>${problemView(detail.objects.problem, { id: "bucket-problem" })}`;
    return sendPage(res, 404, consolePage({ nonce, title: bucket, area: "s3", who: whoOf(who), body }), nonce);
  }
  const page = bucketPage({
    nonce,
    who: whoOf(who),
    csrf: who.csrf,
    detail,
    problems: o.problems ?? {},
    errors: o.errors ?? {},
    drafts: o.drafts ?? {},
    upload: o.upload ?? NO_UPLOAD,
    ...(o.flash ? { flash: o.flash } : {}),
    ...(o.token ? { token: o.token } : {}),
  });
  sendPage(res, status, page, nonce);
}
