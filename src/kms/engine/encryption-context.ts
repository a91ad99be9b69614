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

function u32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n, 0);
  return b;
}

const byBytes = (a: Buffer, b: Buffer): number => Buffer.compare(a, b);

/** count ‖ (len(key) ‖ key ‖ len(value) ‖ value)… with pairs in the byte order of their UTF-8 keys. */
export function encodeEncryptionContext(context: EncryptionContext | undefined): Buffer {
  const pairs = Object.entries(context ?? {}).map(([k, v]) => [Buffer.from(k, "utf8"), Buffer.from(v, "utf8")] as const);
  pairs.sort((a, b) => byBytes(a[0], b[0]));
  const parts: Buffer[] = [u32(pairs.length)];
  for (const [k, v] of pairs) parts.push(u32(k.length), k, u32(v.length), v);
  return Buffer.concat(parts);
}
