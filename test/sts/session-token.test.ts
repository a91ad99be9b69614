// Stateless session tokens: what one instance mints, another with the same service key opens;
// a forged, swapped or expired token is refused, and the token holds no readable secret.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createSessionTokens } from "../../src/sts/session-token.ts";

const claims = {
  accountId: "111122223333",
  roleArn: "arn:aws:iam::111122223333:role/ADFS-Developers",
  roleId: "AROAEXAMPLEEXAMPLE123",
  roleName: "ADFS-Developers",
  roleSessionName: "bob@corp.example.test",
  issuedAt: Date.parse("2026-11-28T10:00:00Z"),
  expiresAt: Date.parse("2026-11-28T11:00:00Z"),
  tags: { department: "Platform" },
  sourceIdentity: "bob",
};

describe("session tokens", () => {
  it("round-trips across instances that share the service key", async () => {
    const key = randomBytes(32);
    const credentials = await createSessionTokens(key).mint(claims);
    assert.match(credentials.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(credentials.secretAccessKey.length, 40);
    assert.equal(credentials.expiration.toISOString(), "2026-11-28T11:00:00.000Z");
    const opened = await createSessionTokens(Buffer.from(key)).open(credentials.sessionToken, credentials.accessKeyId, new Date("2026-11-28T10:30:00Z"));
    assert.equal(opened.secretAccessKey, credentials.secretAccessKey);
    assert.equal(opened.roleSessionName, "bob@corp.example.test");
    assert.deepEqual(opened.tags, { department: "Platform" });
  });

  it("keeps the secret unreadable in the token", async () => {
    const credentials = await createSessionTokens(randomBytes(32)).mint(claims);
    const decoded = credentials.sessionToken.split(".").map((part) => Buffer.from(part, "base64url").toString("latin1")).join(" ");
    assert.ok(!decoded.includes(credentials.secretAccessKey));
    assert.ok(!decoded.includes("bob@corp"));
  });

  it("refuses another service key, another access key, a changed byte, and expiry", async () => {
    const key = randomBytes(32);
    const tokens = createSessionTokens(key);
    const credentials = await tokens.mint(claims);
    const during = new Date("2026-11-28T10:30:00Z");
    await assert.rejects(createSessionTokens(randomBytes(32)).open(credentials.sessionToken, credentials.accessKeyId, during), { code: "STS_TOKEN_INVALID" });
    await assert.rejects(tokens.open(credentials.sessionToken, "ASIAAAAAAAAAAAAAAAAA", during), { code: "STS_TOKEN_INVALID" });
    const parts = credentials.sessionToken.split(".");
    parts[3] = (parts[3]![0] === "A" ? "B" : "A") + parts[3]!.slice(1);
    await assert.rejects(tokens.open(parts.join("."), credentials.accessKeyId, during), { code: "STS_TOKEN_INVALID" });
    await assert.rejects(tokens.open(credentials.sessionToken, credentials.accessKeyId, new Date("2026-11-28T11:00:00Z")), {
      code: "STS_TOKEN_EXPIRED",
      message: "The security token included in the request is expired",
    });
    await assert.rejects(tokens.open("garbage", credentials.accessKeyId, during), { code: "STS_TOKEN_INVALID" });
  });
});
