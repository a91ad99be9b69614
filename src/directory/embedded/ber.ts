// Just enough BER (X.690) for the embedded server's wire: framing the LDAPMessages of a TCP
// stream, decoding SearchRequests (RFC 4511 §4.5.1) straight from their bytes, and re-framing
// encoded responses under a message ID. ldapjs turns filters into strings and back, which loses
// escaped characters in extensible matches (a DN with `\,`) and binary values (SIDs), so search
// requests are read here instead.
import type { FilterNode } from "./filter.ts";

export class BerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BerError";
  }
}

export interface Tlv {
  tag: number;
  /** Offset of the tag byte, of the first content byte, and of the byte after the content. */
  offset: number;
  start: number;
  end: number;
}

/** Reads the TLV at `offset`; undefined when `buf` (up to `limit`) does not hold all of it yet. */
export function peekTlv(buf: Buffer, offset: number, limit = buf.length): Tlv | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = buf[offset] as number;
  let len = buf[offset + 1] as number;
  let start = offset + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4) throw new BerError("unsupported BER length");
    if (start + count > limit) return undefined;
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + (buf[start + i] as number);
    start += count;
  }
  if (start + len > limit) return undefined;
  return { tag, offset, start, end: start + len };
}

function readTlv(buf: Buffer, offset: number, end: number): Tlv {
  const tlv = peekTlv(buf, offset, end);
  if (!tlv) throw new BerError("truncated BER element");
  return tlv;
}

/** The children of a constructed element. */
function children(buf: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let at = parent.start;
  while (at < parent.end) {
    const tlv = readTlv(buf, at, parent.end);
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

const text = (buf: Buffer, t: Tlv): string => buf.toString("utf8", t.start, t.end);
const bytes = (buf: Buffer, t: Tlv): Buffer => Buffer.from(buf.subarray(t.start, t.end));

function decodeFilter(buf: Buffer, t: Tlv, depth: number): FilterNode {
  if (depth > 50) throw new BerError("filter nested too deeply");
  switch (t.tag) {
    case 0xa0:
    case 0xa1:
      return { type: t.tag === 0xa0 ? "and" : "or", filters: children(buf, t).map((c) => decodeFilter(buf, c, depth + 1)) };
    case 0xa2: {
      const [inner] = children(buf, t);
      if (!inner) throw new BerError("empty not filter");
      return { type: "not", filter: decodeFilter(buf, inner, depth + 1) };
    }
    case 0xa3:
    case 0xa5:
    case 0xa6:
    case 0xa8: {
      const [attr, value] = children(buf, t);
      if (!attr || !value) throw new BerError("malformed attribute value assertion");
      const type = ({ 0xa3: "equality", 0xa5: "ge", 0xa6: "le", 0xa8: "approx" } as const)[t.tag as 0xa3];
      return { type, attribute: text(buf, attr), value: bytes(buf, value) };
    }
    case 0xa4: {
      const [attr, seq] = children(buf, t);
      if (!attr || !seq) throw new BerError("malformed substring filter");
      const node: Extract<FilterNode, { type: "substring" }> = { type: "substring", attribute: text(buf, attr), any: [] };
      for (const part of children(buf, seq)) {
        if (part.tag === 0x80) node.initial = text(buf, part);
        else if (part.tag === 0x81) node.any.push(text(buf, part));
        else if (part.tag === 0x82) node.final = text(buf, part);
      }
      return node;
    }
    case 0x87:
      return { type: "present", attribute: text(buf, t) };
    case 0xa9: {
      const node: Extract<FilterNode, { type: "extensible" }> = { type: "extensible", value: "", dnAttributes: false };
      for (const part of children(buf, t)) {
        if (part.tag === 0x81) node.rule = text(buf, part);
        else if (part.tag === 0x82) node.attribute = text(buf, part);
        else if (part.tag === 0x83) node.value = text(buf, part);
        else if (part.tag === 0x84) node.dnAttributes = buf[part.start] !== 0;
      }
      return node;
    }
    default:
      throw new BerError(`unknown filter choice 0x${t.tag.toString(16)}`);
  }
}

/** The messageID of a SASL BindRequest (which ldapjs cannot parse), or undefined. */
export function saslBindMessageId(message: Buffer): number | undefined {
  const outer = readTlv(message, 0, message.length);
  const [id, op] = children(message, outer);
  if (!id || !op || op.tag !== 0x60) return undefined;
  const [, , auth] = children(message, op);
  if (!auth || auth.tag !== 0xa3) return undefined;
  let value = 0;
  for (let i = id.start; i < id.end; i++) value = value * 256 + (message[i] as number);
  return value;
}

/** A decoded simple BindRequest (RFC 4511 §4.2). */
export interface DecodedSimpleBind {
  messageId: number;
  name: string;
  password: string;
}

/**
 * Decodes a simple BindRequest LDAPMessage (version, name, [0] password) as ldapjs would (UTF-8
 * strings); undefined for any other operation or authentication choice, which go the slow way.
 */
export function decodeSimpleBind(message: Buffer): DecodedSimpleBind | undefined {
  const outer = readTlv(message, 0, message.length);
  const [id, op] = children(message, outer);
  if (!id || id.tag !== 0x02 || !op || op.tag !== 0x60) return undefined;
  const [version, name, auth, extra] = children(message, op);
  if (!version || version.tag !== 0x02 || !name || name.tag !== 0x04 || !auth || auth.tag !== 0x80 || extra) return undefined;
  return { messageId: integer(message, id), name: text(message, name), password: text(message, auth) };
}

/** A decoded SearchRequest (RFC 4511 §4.5.1). */
export interface DecodedSearch {
  messageId: number;
  baseDn: string;
  scope: number;
  sizeLimit: number;
  typesOnly: boolean;
  filter: FilterNode;
  attributes: string[];
}

function integer(buf: Buffer, t: Tlv): number {
  let value = (buf[t.start] as number) & 0x80 ? -1 : 0;
  for (let i = t.start; i < t.end; i++) value = value * 256 + (buf[i] as number);
  return value;
}

/**
 * Decodes a SearchRequest LDAPMessage; undefined for any other operation. ldapjs's decoder turns
 * the filter into a string and back (lossy) and re-parses the base DN; this reads the bytes once.
 */
export function decodeSearchRequest(message: Buffer): DecodedSearch | undefined {
  const outer = readTlv(message, 0, message.length);
  const [id, op] = children(message, outer);
  if (!id || !op || op.tag !== 0x63) return undefined;
  const [base, scope, , sizeLimit, , typesOnly, filter, attrs] = children(message, op);
  if (!base || !scope || !sizeLimit || !typesOnly || !filter || !attrs) throw new BerError("malformed search request");
  return {
    messageId: integer(message, id),
    baseDn: text(message, base),
    scope: integer(message, scope),
    sizeLimit: integer(message, sizeLimit),
    typesOnly: message[typesOnly.start] !== 0,
    filter: decodeFilter(message, filter, 0),
    attributes: children(message, attrs).map((a) => text(message, a)),
  };
}

// ---------------------------------------------------------------------------------------------
// Encoding: only the framing around pieces that ldapjs encoded (see ldapjs-wire.ts).

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV around `content` (given as parts, concatenated). */
export function encodeTlv(tag: number, ...content: Buffer[]): Buffer {
  const length = content.reduce((n, c) => n + c.length, 0);
  return Buffer.concat([Buffer.from([tag]), encodeLength(length), ...content]);
}

export function encodeInteger(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if ((bytes[0] as number) & 0x80) bytes.unshift(0);
  return encodeTlv(0x02, Buffer.from(bytes));
}

/**
 * An LDAPMessage carrying an LDAPResult (RFC 4511 §4.1.9) under the protocolOp tag `opTag`
 * (0x61 BindResponse, 0x65 SearchResultDone, …): resultCode, matchedDN, diagnosticMessage.
 */
export function encodeResultMessage(messageId: number, opTag: number, resultCode: number, matchedDn: string, diagnostic: string): Buffer {
  const code = encodeInteger(resultCode);
  code[0] = 0x0a; // ENUMERATED, same content octets as INTEGER
  return encodeTlv(0x30, encodeInteger(messageId), encodeTlv(opTag, code, encodeTlv(0x04, Buffer.from(matchedDn, "utf8")), encodeTlv(0x04, Buffer.from(diagnostic, "utf8"))));
}

/** The protocolOp element of an encoded LDAPMessage (to re-frame it under another message ID). */
export function protocolOpOf(message: Buffer): Buffer {
  const outer = readTlv(message, 0, message.length);
  const [, op] = children(message, outer);
  if (!op) throw new BerError("LDAPMessage without a protocolOp");
  return Buffer.from(message.subarray(op.offset, op.end));
}

/** An LDAPMessage: messageID and an already encoded protocolOp. */
export function frameMessage(messageId: number, protocolOp: Buffer): Buffer {
  return encodeTlv(0x30, encodeInteger(messageId), protocolOp);
}
