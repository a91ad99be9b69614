// Every acknowledged change survives kill -9: a federa process is killed without warning in the
// middle of a loop of CreateKey and Encrypt calls, started again on the same data directory, and
// every key that CreateKey acknowledged exists and every ciphertext that Encrypt returned decrypts.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EncryptCommand } from "@aws-sdk/client-kms";
import { kmsClient } from "./helpers.ts";
import { startFederaProcess } from "../support/federa-process.ts";

describe("durability", () => {
  it("keeps every acknowledged key and ciphertext across kill -9", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "federa-kill-"));
    try {
      const first = await startFederaProcess(dataDir);
      const kms = kmsClient(first.url);
      const keys: string[] = [];
      const sealed: { blob: Uint8Array; plaintext: string }[] = [];
      let stop = false;
      // Four writers in parallel, until the process dies under them.
      const writer = async (n: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const key = await kms.send(new CreateKeyCommand({ Description: `kill test ${n}/${i}` }));
            keys.push(key.KeyMetadata!.KeyId!);
            const plaintext = `secret ${n}/${i}`;
            const out = await kms.send(new EncryptCommand({ KeyId: key.KeyMetadata!.KeyId!, Plaintext: Buffer.from(plaintext) }));
            sealed.push({ blob: out.CiphertextBlob!, plaintext });
          } catch {
            return; // the connection died with the process: nothing was acknowledged
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      await new Promise((r) => setTimeout(r, 1500));
      const exited = new Promise((r) => first.child.on("exit", r));
      first.child.kill("SIGKILL");
      await exited;
      stop = true;
      await Promise.all(writers);
      assert.ok(keys.length >= 10, `only ${keys.length} keys were made before the kill`);

      const second = await startFederaProcess(dataDir);
      try {
        const again = kmsClient(second.url);
        for (const keyId of keys) {
          const described = await again.send(new DescribeKeyCommand({ KeyId: keyId }));
          assert.equal(described.KeyMetadata!.KeyState, "Enabled");
        }
        for (const { blob, plaintext } of sealed) {
          const opened = await again.send(new DecryptCommand({ CiphertextBlob: blob }));
          assert.equal(Buffer.from(opened.Plaintext!).toString(), plaintext);
        }
      } finally {
        const exited2 = new Promise((r) => second.child.on("exit", r));
        second.child.kill("SIGTERM");
        await exited2;
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
