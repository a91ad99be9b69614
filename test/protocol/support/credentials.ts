// Test credentials and a credential lookup over them: a long-term key (AWS's documented example
// pair), temporary credentials whose token is a plain string mapped to a secret, and an expired one.
import type { CredentialLookup, CredentialRecord } from "../../../src/protocol/index.ts";
import { AKID, SECRET } from "./sign.ts";

export interface TestCaller extends CredentialRecord {
  arn: string;
  account: string;
}

export const TEMP = {
  accessKeyId: "ASIAIOSFODNN7EXAMPLE",
  secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
  sessionToken: "FwoGZXIvYXdzEXAMPLE+token/with=odd&chars",
};
export const EXPIRED = {
  accessKeyId: "ASIAEXPIREDEXAMPLE01",
  secretAccessKey: "expiredSecretKeyEXAMPLEEXAMPLEEXAMPLE00",
  sessionToken: "expired-session-token",
};
export const EXPIRED_AT = new Date("2020-01-01T00:00:00Z");

export const lookup: CredentialLookup<TestCaller> = async (accessKeyId, sessionToken) => {
  // A long-term key answers whether or not a token came along; verification refuses the token.
  if (accessKeyId === AKID) return { accessKeyId, secretAccessKey: SECRET, arn: "arn:aws:iam::111122223333:root", account: "111122223333" };
  if (accessKeyId === TEMP.accessKeyId && sessionToken === TEMP.sessionToken) {
    return {
      accessKeyId,
      secretAccessKey: TEMP.secretAccessKey,
      sessionToken: "required",
      expiresAt: new Date("2999-01-01T00:00:00Z"),
      arn: "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice",
      account: "111122223333",
    };
  }
  if (accessKeyId === EXPIRED.accessKeyId && sessionToken === EXPIRED.sessionToken) {
    return { accessKeyId, secretAccessKey: EXPIRED.secretAccessKey, sessionToken: "required", expiresAt: EXPIRED_AT, arn: "arn:aws:sts::111122223333:assumed-role/R/s", account: "111122223333" };
  }
  return undefined;
};
