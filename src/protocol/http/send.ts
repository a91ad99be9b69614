// Writes one complete answer: status, content type, length and AWS's request-id header.
import type { ServerResponse } from "node:http";

export function send(res: ServerResponse, status: number, contentType: string, body: string, requestId: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body, "utf8"),
    "x-amzn-RequestId": requestId,
  });
  // A string body goes out in one write with the head (a Buffer would take a second one).
  res.end(body, "utf8");
}
