// federa's compact JWE (dir + A256GCM), made with node:crypto, is RFC 7516's: jose (a reference
// implementation) opens what federa seals and federa opens what jose seals; anything altered, of
// another type, or not in the compact form is not opened.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { CompactEncrypt, compactDecrypt } from "jose";
import { createDirJwe } from "../../src/crypto/index.ts";

const key = randomBytes(32);
const jwe = createDirJwe(key, "federa-sts");
const text = JSON.stringify({ accessKeyId: "ASIAEXAMPLE", roleArn: "arn:aws:iam::111122223333:role/ADFS-Developers", note: "é 漢字" });

test("jose opens what federa seals, with federa's protected header", async () => {
  const token = jwe.seal(text);
  const { plaintext, protectedHeader } = await compactDecrypt(token, key);
  assert.equal(new TextDecoder().decode(plaintext), text);
  assert.deepEqual(protectedHeader, { alg: "dir", enc: "A256GCM", typ: "federa-sts" });
  assert.notEqual(jwe.seal(text), token, "a fresh IV every time");
});

test("federa opens what jose seals with the same header", async () => {
  const token = await new CompactEncrypt(new TextEncoder().encode(text)).setProtectedHeader({ alg: "dir", enc: "A256GCM", typ: "federa-sts" }).encrypt(key);
  assert.equal(jwe.open(token)?.toString("utf8"), text);
});

test("refuses tokens altered anywhere, of another type or key, or malformed", async () => {
  const token = jwe.seal(text);
  const parts = token.split(".");
  const flip = (part: string) => (part[0] === "A" ? "B" : "A") + part.slice(1);
  for (const i of [0, 2, 3, 4]) {
    const altered = [...parts];
    altered[i] = flip(altered[i]!);
    assert.equal(jwe.open(altered.join(".")), undefined, `part ${i} altered`);
  }
  assert.equal(createDirJwe(key, "federa-authz").open(token), undefined, "another typ");
  assert.equal(createDirJwe(randomBytes(32), "federa-sts").open(token), undefined, "another key");
  const other = await new CompactEncrypt(new TextEncoder().encode(text)).setProtectedHeader({ alg: "dir", enc: "A256GCM", typ: "federa-sts", crit: ["x"], x: 1 } as never).encrypt(key).catch(() => undefined);
  if (other) assert.equal(jwe.open(other), undefined, "a header that is not federa's");
  for (const bad of ["", "a.b.c.d", `${parts[0]}.x.${parts[2]}.${parts[3]}.${parts[4]}`, `${parts[0]}..${parts[2]}.${parts[3]}.${parts[4]}.`, `${parts[0]}..${parts[2]}=.${parts[3]}.${parts[4]}`, `${parts[0]}..${parts[2]}.${parts[3]}.${parts[4]!.slice(0, 10)}`]) {
    assert.equal(jwe.open(bad), undefined, bad.slice(0, 40));
  }
  assert.throws(() => createDirJwe(randomBytes(16), "x"), RangeError);
});
