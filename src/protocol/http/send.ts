// Writes one complete answer: status, content type, length and AWS's request-id header.
import type { ServerResponse } from "node:http";

export function send(res: ServerResponse, status: number, contentType: string, body: string, requestId: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const bytes = Buffer.from(body, "utf8");
  res.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": bytes.length,
    "x-amzn-RequestId": requestId,
  });
  res.end(bytes);
}
