// Reads a stream of byte chunks the way a framing parser wants it: lines, exact byte counts, and
// slices of whatever is already there, without copying data that passes straight through.
import { AwsError } from "../errors/aws-error.ts";

export function incompleteBody(): AwsError {
  return new AwsError("IncompleteBody", "The request body terminated unexpectedly", { status: 400 });
}

export class ByteReader {
  readonly #source: AsyncIterator<Uint8Array>;
  #buffer: Buffer = Buffer.alloc(0);
  #offset = 0;
  #ended = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#source = source[Symbol.asyncIterator]();
  }

  /** Fills the buffer when it is empty; false at the end of the stream. */
  async #fill(): Promise<boolean> {
    while (this.#offset >= this.#buffer.length) {
      if (this.#ended) return false;
      const next = await this.#source.next();
      if (next.done) {
        this.#ended = true;
        return false;
      }
      const chunk = next.value;
      this.#buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.#offset = 0;
    }
    return true;
  }

  /** Up to `max` bytes that are already there (reading more only when none are); undefined at the end. */
  async take(max: number): Promise<Buffer | undefined> {
    if (!(await this.#fill())) return undefined;
    const end = Math.min(this.#buffer.length, this.#offset + max);
    const slice = this.#buffer.subarray(this.#offset, end);
    this.#offset = end;
    return slice;
  }

  /** A line ending in CRLF (returned without it), at most `max` bytes long; `malformed` otherwise. */
  async line(max: number, malformed: () => Error): Promise<string> {
    const parts: Buffer[] = [];
    let length = 0;
    for (;;) {
      if (!(await this.#fill())) throw incompleteBody();
      const lf = this.#buffer.indexOf(0x0a, this.#offset);
      const end = lf === -1 ? this.#buffer.length : lf + 1;
      const piece = this.#buffer.subarray(this.#offset, end);
      this.#offset = end;
      length += piece.length;
      if (length > max + 2) throw malformed();
      parts.push(piece);
      if (lf !== -1) break;
    }
    const whole = parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
    if (whole.length < 2 || whole[whole.length - 2] !== 0x0d) throw malformed();
    return whole.toString("latin1", 0, whole.length - 2);
  }

  /** Whether the stream has ended (reading ahead when needed). */
  async atEnd(): Promise<boolean> {
    return !(await this.#fill());
  }
}
