// The S3 canonical user id of an account: 64 hex characters, stable for the account.
import { sha256 } from "../../crypto/index.ts";

export function canonicalUserId(accountId: string): string {
  return sha256(`federa canonical user ${accountId}`).toString("hex");
}
