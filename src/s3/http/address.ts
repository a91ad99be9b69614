// Which bucket and key a request names. Virtual-hosted style: the Host is "<bucket>.localhost"
// (any port) and the whole path is the key; path style: "/<bucket>/<key>". Keys are the path
// percent-decoded as UTF-8; the key starts after the first "/" that follows the bucket, so keys
// may begin with "/" and contain "//".
import { decodeQueryComponent } from "../../protocol/index.ts";

export interface Address {
  bucket: string | undefined;
  key: string | undefined;
  virtualHosted: boolean;
}

const VIRTUAL_HOST = /^([a-z0-9][a-z0-9.-]*[a-z0-9])\.localhost(?::\d+)?$/i;

/** The bucket a Host header names, virtual-hosted style. */
export function virtualHostBucket(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  return VIRTUAL_HOST.exec(host.trim())?.[1]?.toLowerCase();
}

function decodePath(raw: string): string {
  // "+" is a plus in a path; decodeQueryComponent without form semantics keeps it.
  return decodeQueryComponent(raw);
}

export function readAddress(host: string | undefined, rawPath: string): Address {
  const virtual = virtualHostBucket(host);
  const path = rawPath.startsWith("/") ? rawPath.slice(1) : rawPath;
  if (virtual !== undefined) {
    return { bucket: virtual, key: path === "" ? undefined : decodePath(path), virtualHosted: true };
  }
  if (path === "") return { bucket: undefined, key: undefined, virtualHosted: false };
  const slash = path.indexOf("/");
  if (slash === -1) return { bucket: decodePath(path), key: undefined, virtualHosted: false };
  const key = path.slice(slash + 1);
  return { bucket: decodePath(path.slice(0, slash)), key: key === "" ? undefined : decodePath(key), virtualHosted: false };
}
