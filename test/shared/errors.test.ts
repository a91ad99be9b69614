// Typed errors: a refusal the client caused carries no stack (capturing one is the dearest part of
// refusing a request); a server error keeps its stack for the log; the process's limit is untouched.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FederaError } from "../../src/shared/index.ts";

const frames = (error: Error) => (error.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at ")).length;

test("a client error (4xx) has its code, status and message, and no stack frames", () => {
  const error = new FederaError("ValidationException", "1 validation error detected", { status: 400 });
  assert.equal(error.code, "ValidationException");
  assert.equal(error.status, 400);
  assert.equal(error.message, "1 validation error detected");
  assert.equal(error.name, "FederaError");
  assert.ok(error instanceof Error);
  assert.equal(frames(error), 0);
  assert.match(error.stack ?? "", /1 validation error detected/);
});

test("a server error (5xx) keeps the frames of where it was made", () => {
  const error = new FederaError("InternalFailure", "the store failed", { status: 500 });
  assert.ok(frames(error) >= 1, error.stack);
  assert.match(error.stack ?? "", /errors\.test\.ts/);
});

test("the process's stack trace limit is left as it was, also for errors made after a client error", () => {
  const limit = Error.stackTraceLimit;
  new FederaError("AccessDeniedException", "no", { status: 403 });
  assert.equal(Error.stackTraceLimit, limit);
  assert.ok(frames(new Error("plain")) >= 1);
});

test("a subclass gets its own name and the cause it was given", () => {
  class ThrottlingError extends FederaError {}
  const cause = new Error("underneath");
  const error = new ThrottlingError("ThrottlingException", "slow down", { status: 429, cause });
  assert.equal(error.name, "ThrottlingError");
  assert.equal(error.cause, cause);
  assert.equal(frames(error), 0);
});
