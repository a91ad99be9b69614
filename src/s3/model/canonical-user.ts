// The S3 canonical user id of an account: 64 hex characters, stable for the account.
import { digestOf } from "../../crypto/index.ts";

export function canonicalUserId(accountId: string): string {
  return digestOf("sha256", `federa canonical user ${accountId}`).toString("hex");
}
