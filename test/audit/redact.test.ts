// The second net: redactSecrets removes secret-named members at any depth, whatever their case or
// separators, drops binary values, copies without touching its input, and keeps the rest as is.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { isSecretName, redactSecrets, type RedactionReason } from "../../src/audit/index.ts";

describe("isSecretName", () => {
  test("names that hold secrets, in any case and with _ or -", () => {
    for (const name of [
      "Plaintext",
      "plaintext",
      "PrivateKeyPlaintext",
      "password",
      "NewPassword",
      "bind_password",
      "SecretAccessKey",
      "secret_access_key",
      "secret-key",
      "SessionToken",
      "session_token",
      "SAMLAssertion",
      "samlAssertion",
      "SAMLResponse",
      "SAMLRequest",
      "PrivateKey",
      "SharedSecret",
      "client_secret",
      "passphrase",
    ]) {
      assert.equal(isSecretName(name), true, name);
    }
  });

  test("ordinary names pass", () => {
    for (const name of ["keyId", "KeyId", "encryptionContext", "roleArn", "accessKeyId", "AccessKeyId", "userName", "grantTokens", "policy", "ciphertextBlob", "publicKey", "message", "sAMLAssertionID", "sharedSecretIds"]) {
      assert.equal(isSecretName(name), false, name);
    }
  });
});

describe("redactSecrets", () => {
  test("removes secret members at any depth, in objects and arrays, and says where", () => {
    const input = {
      keyId: "alias/lab",
      Plaintext: "c2VjcmV0",
      nested: { deeper: [{ password: "Alice!Passw0rd1", name: "alice" }, { SessionToken: "FwoG", ok: 1 }] },
      credentials: { accessKeyId: "ASIAIOSFODNN7EXAMPLE", secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", expiration: new Date("2026-11-28T22:00:00Z") },
    };
    const removed: [string, RedactionReason][] = [];
    const out = redactSecrets(input, (path, reason) => removed.push([path, reason]));
    assert.deepEqual(out, {
      keyId: "alias/lab",
      nested: { deeper: [{ name: "alice" }, { ok: 1 }] },
      credentials: { accessKeyId: "ASIAIOSFODNN7EXAMPLE", expiration: "2026-11-28T22:00:00.000Z" },
    });
    assert.deepEqual(removed, [
      ["Plaintext", "secret-name"],
      ["nested.deeper[0].password", "secret-name"],
      ["nested.deeper[1].SessionToken", "secret-name"],
      ["credentials.secretAccessKey", "secret-name"],
    ]);
    // The input is left as it was.
    assert.equal(input.Plaintext, "c2VjcmV0");
    assert.equal(input.credentials.secretAccessKey, "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");
  });

  test("a secret member goes whatever its value: objects, arrays, null", () => {
    assert.deepEqual(redactSecrets({ samlResponse: { a: 1 }, PrivateKey: ["x"], password: null, keep: null }), { keep: null });
  });

  test("binary values go (CloudTrail logs no blobs); functions and symbols vanish; bigints become text", () => {
    const removed: string[] = [];
    const out = redactSecrets({ blob: Buffer.from("secret"), view: new Uint8Array([1, 2]), f: () => 1, s: Symbol("x"), n: 10n, list: [Buffer.from("a"), "b"] }, (path, reason) =>
      removed.push(`${path}:${reason}`),
    );
    assert.deepEqual(out, { n: "10", list: ["b"] });
    assert.deepEqual(removed, ["blob:binary", "view:binary", "list[0]:binary"]);
  });

  test("cycles and absurd nesting end at a depth bound", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic["self"] = cyclic;
    const removed: string[] = [];
    const out = redactSecrets(cyclic, (_path, reason) => removed.push(reason)) as Record<string, unknown>;
    assert.equal(out["name"], "loop");
    assert.deepEqual(removed, ["too-deep"]);
    assert.doesNotThrow(() => JSON.stringify(out));
  });

  test("a member named __proto__ stays a member and does not become a prototype", () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "keyId": "k"}') as Record<string, unknown>;
    const out = redactSecrets(parsed) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal((out as { polluted?: boolean }).polluted, undefined);
    assert.equal(JSON.stringify(out), '{"__proto__":{"polluted":true},"keyId":"k"}');
  });

  test("plain values pass through", () => {
    assert.equal(redactSecrets("text"), "text");
    assert.equal(redactSecrets(null), null);
    assert.deepEqual(redactSecrets({ a: [1, "two", true, null] }), { a: [1, "two", true, null] });
  });
});
