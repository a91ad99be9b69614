// S3 as the composition root wires it: the HTTP handler for SigV4 requests and the in-process
// entry for the console, sharing one set of body leases (a GetObject streaming through either
// keeps the bytes it reads, whichever entry replaced or deleted the object meanwhile).
import type { S3Deps } from "./context.ts";
import { BodyLeases } from "./operations/object/leases.ts";
import { createS3Handler, type S3Handler } from "./http/handler.ts";
import { invokeS3, type S3Invocation, type S3Outcome } from "./dispatch/invoke.ts";

export interface S3Service {
  handler: S3Handler;
  invoke(input: S3Invocation): Promise<S3Outcome>;
}

export function createS3Service(deps: S3Deps): S3Service {
  const leases = new BodyLeases((parts) => deps.bodies.remove(parts));
  return { handler: createS3Handler(deps, leases), invoke: (input) => invokeS3(deps, leases, input) };
}
