// The encryption context: validated as AWS does (strings, at most 8,192 characters in all), and
// encoded canonically for the AAD: a count, then each pair sorted by key, every string length-
// prefixed, so no two different contexts give the same bytes (plain key‖value concatenation lets
// {"a":"bc"} decrypt what {"ab":"c"} encrypted).
import { kmsError } from "../errors.ts";

export type EncryptionContext = Readonly<Record<string, string>>;

const MAX_CONTEXT_CHARS = 8192;

export function checkEncryptionContext(context: EncryptionContext | undefined): void {
  if (!context) return;
  let chars = 0;
  for (const [k, v] of Object.entries(context)) {
    if (k.length === 0) throw kmsError("ValidationException", "Encryption context keys must not be empty.");
    chars += k.length + v.length;
  }
  if (chars > MAX_CONTEXT_CHARS) throw kmsError("ValidationException", `The encryption context is too long: it must not exceed ${MAX_CONTEXT_CHARS} characters.`);
}

const byBytes = (a: readonly [Buffer, Buffer], b: readonly [Buffer, Buffer]): number => Buffer.compare(a[0], b[0]);

/**
 * `prefix` ‖ the context's encoding — count ‖ (len(key) ‖ key ‖ len(value) ‖ value)… with pairs
 * in the byte order of their UTF-8 keys — in one buffer (the AAD is the ciphertext header followed by
 * the encoding): the lengths are summed first and everything is written once.
 */
export function withEncryptionContext(prefix: Uint8Array, context: EncryptionContext | undefined): Buffer {
  const keys = context ? Object.keys(context) : [];
  // Keys of ASCII characters (the usual) sort the same as strings and as UTF-8 bytes.
  let ascii = true;
  let size = prefix.length + 4;
  for (const key of keys) {
    const keyBytes = Buffer.byteLength(key, "utf8");
    if (keyBytes !== key.length) ascii = false;
    size += 8 + keyBytes + Buffer.byteLength(context![key]!, "utf8");
  }
  const out = Buffer.allocUnsafe(size);
  out.set(prefix, 0);
  let at = out.writeUInt32BE(keys.length, prefix.length);
  if (ascii) {
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const key of keys) {
      at = writeString(out, at, key);
      at = writeString(out, at, context![key]!);
    }
  } else {
    const pairs = keys.map((k) => [Buffer.from(k, "utf8"), Buffer.from(context![k]!, "utf8")] as const);
    pairs.sort(byBytes);
    for (const [k, v] of pairs) {
      at = out.writeUInt32BE(k.length, at);
      at += k.copy(out, at);
      at = out.writeUInt32BE(v.length, at);
      at += v.copy(out, at);
    }
  }
  return out;
}

/** len(text) ‖ text, UTF-8, at `at`; returns where it ends. */
function writeString(out: Buffer, at: number, text: string): number {
  const written = out.write(text, at + 4, "utf8");
  out.writeUInt32BE(written, at);
  return at + 4 + written;
}
