// Grant tokens: CreateGrant hands one out; any operation that a grant can allow takes up to ten.
// federa's grants take effect at once, so a token adds no permission; it must still be a token
// that this KMS issued, else InvalidGrantTokenException as AWS answers.
import type { JsonObject } from "../../protocol/index.ts";
import { kmsError } from "../errors.ts";
import { optionalStringList } from "./params.ts";

const PREFIX = "federa-grant-token:";

/** The token for a grant. */
export function grantToken(grantId: string, nonce: string): string {
  return Buffer.from(`${PREFIX}${grantId}:${nonce}`, "utf8").toString("base64url");
}

/** The grant id a token names, or undefined when it is not one of ours. */
export function grantIdOfToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!text.startsWith(PREFIX)) return undefined;
  const [grantId] = text.slice(PREFIX.length).split(":");
  return grantId && /^[0-9a-f]{64}$/.test(grantId) ? grantId : undefined;
}

/** Reads GrantTokens (at most 10, each 1–8192 characters) and checks each one. */
export function readGrantTokens(params: JsonObject): string[] {
  const tokens = optionalStringList(params, "GrantTokens", { max: 10, itemMin: 1, itemMax: 8192 }) ?? [];
  for (const token of tokens) if (grantIdOfToken(token) === undefined) throw kmsError("InvalidGrantTokenException", "The grant token is invalid.");
  return tokens;
}
