// A request that trickles its body is answered 408 and its connection closed once the deadline
// passes (the AWS APIs and the IdP's forms); a whole request in time is served as usual; S3's
// uploads are not held to it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { CreateBucketCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { presignedUrl, s3Client } from "../s3/api-helpers.ts";

const DEADLINE_MS = 600;
let federa: RunningFedera;

before(async () => {
  federa = await startFedera({}, { bodyDeadlineMs: DEADLINE_MS });
});
after(() => federa.stop());

/** Sends `head` and the first bytes of a body, then nothing; resolves with what the server sent before it closed, and when. */
function trickle(head: string, firstBytes: string): Promise<{ answer: string; afterMs: number }> {
  const { port } = new URL(federa.url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), "127.0.0.1", () => socket.write(head + firstBytes));
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve({ answer, afterMs: Date.now() - started }));
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within 10 s: ${answer}`));
    }, 10_000).unref();
  });
}

describe("the body deadline", () => {
  it("answers 408 and closes a connection whose AWS API body does not arrive in time", async () => {
    const body = JSON.stringify({ KeyId: "alias/nothing", Plaintext: "aGVsbG8=" });
    const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: TrentService.Encrypt\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { answer, afterMs } = await trickle(head, body.slice(0, 10));
    assert.match(answer, /^HTTP\/1\.1 408 Request Timeout\r\n/);
    assert.match(answer, /\r\nConnection: close\r\n/i);
    assert.ok(afterMs >= DEADLINE_MS - 50, `closed after ${afterMs} ms`);
  });

  it("holds the IdP's login form to it too, and serves requests that arrive whole", async () => {
    const head = `POST /idp/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n`;
    const { answer } = await trickle(head, "username=alice&pass");
    assert.match(answer, /^HTTP\/1\.1 408 Request Timeout\r\n/);
    assert.doesNotMatch(answer, /alice|pass/);
    // A request whose body is whole is unaffected, however long the deadline's timer lives after it.
    const health = await fetch(`${federa.url}/health`);
    assert.equal(health.status, 200);
    const refused = await fetch(`${federa.url}/`, { method: "POST", headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "TrentService.ListKeys" }, body: "{}" });
    assert.equal(refused.status, 400);
    await new Promise((r) => setTimeout(r, DEADLINE_MS + 200));
  });

  it("does not hold an S3 upload to it", async () => {
    await s3Client(federa.url).send(new CreateBucketCommand({ Bucket: "slow-uploads" }));
    const url = new URL(await presignedUrl(federa.url, { method: "PUT", path: "/slow-uploads/key" }));
    const head = `PUT ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Length: 100\r\n\r\n`;
    const socket = connect(Number(url.port), "127.0.0.1", () => socket.write(head + "x".repeat(10)));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    await new Promise((r) => setTimeout(r, DEADLINE_MS * 2));
    assert.equal(answer, "", "still waiting for the body");
    assert.equal(socket.destroyed, false);
    socket.write("y".repeat(90));
    while (!answer.includes("\r\n\r\n")) await new Promise((r) => setTimeout(r, 20));
    socket.destroy();
    assert.match(answer, /^HTTP\/1\.1 200 OK\r\n/, "then stored, 200");
    const stored = await s3Client(federa.url).send(new HeadObjectCommand({ Bucket: "slow-uploads", Key: "key" }));
    assert.equal(stored.ContentLength, 100);
  });
});
