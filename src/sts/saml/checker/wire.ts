// What crosses between the main thread and a checker thread: a check's input, and its answer —
// the checked assertion, or the refusal as data (an StsSamlError's code, message, reason, detail
// and signature count). Any other failure crosses as a bare internal error: its message is
// not carried, so nothing read from the assertion can ride along.
import { StsSamlError, type StsSamlErrorCode } from "../errors.ts";
import type { CheckedAssertion } from "../check-assertion.ts";
import type { SamlCheckInput } from "../types.ts";

export interface CheckRequest {
  id: number;
  input: SamlCheckInput;
  skewMs: number;
}

export type WireRefusal =
  | { kind: "refusal"; code: StsSamlErrorCode; message: string; reason: string; detail: Record<string, unknown> | undefined; signatureChecks: number }
  | { kind: "internal" };

export type CheckReply = { id: number; checked: CheckedAssertion } | { id: number; refused: WireRefusal };

export function toWire(error: unknown): WireRefusal {
  if (!(error instanceof StsSamlError)) return { kind: "internal" };
  const { cause: _cause, ...detail } = error.detail ?? {};
  return { kind: "refusal", code: error.code, message: error.message, reason: error.reason, detail, signatureChecks: error.signatureChecks };
}

export function fromWire(refusal: WireRefusal): Error {
  if (refusal.kind === "internal") return new Error("the assertion check failed on its thread");
  const error = new StsSamlError(refusal.code, refusal.message, refusal.reason, refusal.detail ? { detail: refusal.detail } : {});
  error.signatureChecks = refusal.signatureChecks;
  return error;
}
