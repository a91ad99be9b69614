// The canonical URI of a request (SigV4 step 1, second line). Most services sign the path
// normalised (empty, "." and ".." segments removed) and URI-encoded once more, so "%" becomes
// "%25": the SDKs escape the already-encoded path. S3 signs the path exactly as sent.
import { uriEncode } from "./uri-encode.ts";

export function canonicalUri(rawPath: string, s3: boolean): string {
  if (rawPath === "") return "/";
  if (s3) return rawPath;
  return uriEncode(normalizePath(rawPath), true);
}

/** Removes empty, "." and ".." segments, keeping a leading and (for a non-empty path) trailing "/". */
export function normalizePath(path: string): string {
  if (path === "/") return path;
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const lead = path.startsWith("/") ? "/" : "";
  const trail = segments.length > 0 && path.endsWith("/") ? "/" : "";
  return lead + segments.join("/") + trail;
}
