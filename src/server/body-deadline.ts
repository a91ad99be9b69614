// How long a request may take to arrive. Node's requestTimeout is one for the whole server and
// stays long (15 minutes) for S3, whose bodies may be gigabytes; every other request (the AWS
// APIs' JSON and Query bodies of at most 1 MiB, the IdP's and the console's forms) must be whole
// within `ms` of its headers, or it is answered 408 and its connection closed, as Node itself
// answers an expired requestTimeout: a client that trickles a body cannot hold a connection (and
// what waits on it) for a quarter of an hour.
import type { IncomingMessage, ServerResponse } from "node:http";

export const BODY_DEADLINE_MS = 60_000;

/** Starts the request's deadline; the answer stops it (the server's drain calls it when the response is done). */
export function startBodyDeadline(req: IncomingMessage, res: ServerResponse, ms: number): (() => void) | undefined {
  if (req.complete) return undefined;
  const timer = setTimeout(() => {
    if (req.complete || res.writableEnded || res.destroyed) return;
    if (!res.headersSent) {
      res.shouldKeepAlive = false;
      res.writeHead(408, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" });
      res.end("Request Timeout: the request's body did not arrive in time\n");
    }
    req.socket.destroySoon();
  }, ms);
  timer.unref();
  return () => clearTimeout(timer);
}
