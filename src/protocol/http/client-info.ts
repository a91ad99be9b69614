// Facts about the connection a request came on: the peer's IP address (IPv4-mapped IPv6 written
// as IPv4) and whether it came over TLS.
import type { IncomingMessage } from "node:http";

export function sourceIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? "";
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

export function isSecureTransport(req: IncomingMessage): boolean {
  return (req.socket as { encrypted?: boolean }).encrypted === true;
}

/** Splits the request target into its raw path and raw query (without "?"), as sent. */
export function splitTarget(url: string | undefined): { rawPath: string; rawQuery: string } {
  const target = url ?? "/";
  const question = target.indexOf("?");
  if (question === -1) return { rawPath: target, rawQuery: "" };
  const hash = target.indexOf("#", question);
  return { rawPath: target.slice(0, question), rawQuery: target.slice(question + 1, hash === -1 ? undefined : hash) };
}
