// Check: the Host header is among the signed headers (AWS: "'Host' or ':authority' must be a
// 'SignedHeader' in the AWS Authorization."), so a signature cannot be replayed to another host.
import { SigV4Error } from "../errors.ts";

export function checkHostSigned(signedHeaders: readonly string[], presigned: boolean): void {
  if (!signedHeaders.includes("host")) {
    throw new SigV4Error("SIGV4_INCOMPLETE_SIGNATURE", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", { presigned });
  }
}
