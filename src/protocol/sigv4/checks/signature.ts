// Check: the signature the client sent equals the one computed, compared in constant time.
import { safeEqualAscii } from "../../../crypto/index.ts";
import { SigV4Error } from "../errors.ts";

export const SIGNATURE_MISMATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

export function checkSignature(expectedHex: string, providedHex: string, presigned: boolean): void {
  if (!safeEqualAscii(expectedHex, providedHex)) {
    throw new SigV4Error("SIGV4_SIGNATURE_MISMATCH", SIGNATURE_MISMATCH_MESSAGE, { presigned });
  }
}
