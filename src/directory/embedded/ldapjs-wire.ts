// The embedded directory's LDAP wire: a TCP (or TLS) listener whose connections are decoded and
// encoded with ldapjs's message parser and message classes. This is the ONLY module of federa that
// imports ldapjs (decommissioned upstream; it serves only the development/test directory). It
// turns requests into the plain operations of protocol.ts and hands them to an LdapHandler.
// Search entries are encoded by ldapjs once and their bytes reused (the directory is read-only).
//
// ldapjs's own Server class is not used: it insists that a bind name parses as a DN, which
// refuses AD's `alice@corp.example.test` and `CORP\alice`, and keeps no state on failed binds.
// Dispatching here also lets a connection be upgraded by StartTLS.
import net from "node:net";
import tls from "node:tls";
import type { Duplex } from "node:stream";
import ldapjs from "ldapjs";
import { decodeSearchRequest, decodeSimpleBind, encodeResultMessage, frameMessage, peekTlv, protocolOpOf, saslBindMessageId } from "./ber.ts";
import { ResultCode, type LdapHandler, type LdapResult, type OutEntry, type SearchOp, type SearchResult, type Session } from "./protocol.ts";

const OP = {
  bind: 0x60,
  unbind: 0x42,
  search: 0x63,
  modify: 0x66,
  add: 0x68,
  del: 0x4a,
  modifyDn: 0x6c,
  compare: 0x6e,
  abandon: 0x50,
  extended: 0x77,
} as const;

const START_TLS_OID = "1.3.6.1.4.1.1466.20037";
const MAX_MESSAGE_BYTES = 1 << 20;

export interface TlsMaterial {
  key: string | Buffer;
  cert: string | Buffer;
}

export interface WireOptions {
  host: string;
  port: number;
  handler: LdapHandler;
  /** ldaps:// when given; otherwise ldap:// with StartTLS offered if `startTls` is given. */
  tls?: TlsMaterial;
  startTls?: TlsMaterial;
  /** Called with unexpected errors (never with request contents). */
  onError?: (err: unknown) => void;
}

export interface WireServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Requests and responses

interface Request {
  messageId: number;
  protocolOp: number;
  dn?: unknown;
  [key: string]: unknown;
}

/** An ldapjs "DN" that writes itself exactly as stored (ldapjs would re-escape `\,` as `\2c`). */
function exactDn(dn: string): unknown {
  return { [Symbol.toStringTag]: "LdapDn", toString: () => dn };
}

function resultOptions(messageId: number, r: LdapResult): { messageId: number; status: number; matchedDN: string; diagnosticMessage: string } {
  return { messageId, status: r.resultCode, matchedDN: r.matchedDn ?? "", diagnosticMessage: r.diagnostic ?? "" };
}

/**
 * Encoded protocolOps of search entries and references, by cache key: the directory is
 * read-only, so an entry is encoded by ldapjs once and re-framed under each message ID after.
 */
class EncodingCache {
  readonly #ops = new Map<string, Buffer>();

  get(key: string | undefined, encode: () => Buffer): Buffer {
    if (key === undefined) return protocolOpOf(encode());
    let op = this.#ops.get(key);
    if (!op) {
      if (this.#ops.size >= 10_000) this.#ops.clear();
      op = protocolOpOf(encode());
      this.#ops.set(key, op);
    }
    return op;
  }
}

/** An LDAPResult message, encoded by hand (bind and search responses, the hot path). */
function resultMessage(messageId: number, opTag: number, r: LdapResult): Buffer {
  return encodeResultMessage(messageId, opTag, r.resultCode, r.matchedDn ?? "", r.diagnostic ?? "");
}

function encodeEntry(e: OutEntry): Buffer {
  const attributes = e.attributes.map((a) => new ldapjs.Attribute({ type: a.name, values: a.values }));
  return new ldapjs.SearchEntry({ messageId: 1, objectName: exactDn(e.dn), attributes }).toBer().buffer;
}

function encodeSearch(cache: EncodingCache, messageId: number, result: SearchResult): Buffer[] {
  const out: Buffer[] = [];
  for (const e of result.entries) out.push(frameMessage(messageId, cache.get(e.cacheKey, () => encodeEntry(e))));
  for (const uris of result.references) {
    const op = cache.get(`ref|${uris.join(" ")}`, () => new ldapjs.SearchReference({ messageId: 1, uri: uris }).toBer().buffer);
    out.push(frameMessage(messageId, op));
  }
  out.push(resultMessage(messageId, 0x65, result));
  return out;
}

class Connection {
  #out: Duplex;
  #parser = new ldapjs.Parser();
  /** Bytes received but not yet a complete LDAPMessage. */
  #pending: Buffer = Buffer.alloc(0);
  readonly session: Session = {};

  constructor(
    private readonly socket: Duplex,
    private readonly options: WireOptions & { cache: EncodingCache },
  ) {
    this.#out = socket;
    this.#parser.on("message", (req: Request) => this.#dispatch(req));
    this.#parser.on("error", () => this.destroy());
    socket.on("data", this.#onData);
    socket.on("error", () => this.destroy());
  }

  /**
   * Frames the stream into LDAPMessages. Searches are decoded by ber.ts (ldapjs's decoder loses
   * escaped characters and binary values in filters); SASL binds, which ldapjs cannot parse, are
   * answered authMethodNotSupported; everything else goes, whole, to ldapjs's parser.
   */
  #onData = (data: Buffer): void => {
    try {
      let buf = this.#pending.length ? Buffer.concat([this.#pending, data]) : data;
      for (;;) {
        const tlv = peekTlv(buf, 0);
        if (!tlv) break;
        if (tlv.tag !== 0x30) throw new Error("not an LDAPMessage");
        const message = buf.subarray(0, tlv.end);
        buf = buf.subarray(tlv.end);
        const search = decodeSearchRequest(message);
        if (search) {
          this.#search(search.messageId, search);
          continue;
        }
        const bind = decodeSimpleBind(message);
        if (bind) {
          this.#bind(bind.messageId, bind.name, bind.password);
          if (this.socket.destroyed) return;
          continue;
        }
        const saslId = saslBindMessageId(message);
        if (saslId !== undefined) {
          const r: LdapResult = { resultCode: ResultCode.authMethodNotSupported, diagnostic: "only simple binds are supported" };
          this.#send([new ldapjs.BindResponse(resultOptions(saslId, r)).toBer().buffer]);
          continue;
        }
        this.#parser.write(message);
        if (this.socket.destroyed) return;
      }
      if (buf.length > MAX_MESSAGE_BYTES) throw new Error("LDAPMessage too large");
      this.#pending = buf;
    } catch (err) {
      this.options.onError?.(err);
      this.destroy();
    }
  };

  destroy(): void {
    this.#out.destroy();
    this.socket.destroy();
  }

  #send(buffers: Buffer[]): void {
    if (!this.#out.destroyed) this.#out.write(buffers.length === 1 ? (buffers[0] as Buffer) : Buffer.concat(buffers));
  }

  #dispatch(req: Request): void {
    const { handler } = this.options;
    const id = req.messageId;
    const dn = String(req.dn ?? "");
    try {
      switch (req.protocolOp) {
        case OP.bind:
          this.#send([resultMessage(id, 0x61, handler.bind(this.session, String(req.name ?? ""), String(req.credentials ?? "")))]);
          return;
        case OP.compare: {
          const r = handler.compare(this.session, String(req.entry ?? dn), String(req.attribute ?? ""), String(req.value ?? ""));
          this.#send([new ldapjs.CompareResponse(resultOptions(id, r)).toBer().buffer]);
          return;
        }
        case OP.add:
          this.#send([new ldapjs.AddResponse(resultOptions(id, handler.write(this.session, "add", dn))).toBer().buffer]);
          return;
        case OP.del:
          this.#send([new ldapjs.DeleteResponse(resultOptions(id, handler.write(this.session, "delete", dn))).toBer().buffer]);
          return;
        case OP.modify:
          this.#send([new ldapjs.ModifyResponse(resultOptions(id, handler.write(this.session, "modify", String(req.object ?? dn)))).toBer().buffer]);
          return;
        case OP.modifyDn:
          this.#send([new ldapjs.ModifyDNResponse(resultOptions(id, handler.write(this.session, "modifyDN", dn))).toBer().buffer]);
          return;
        case OP.extended:
          this.#extended(id, String(req.requestName ?? ""), req.requestValue === undefined ? undefined : String(req.requestValue));
          return;
        case OP.unbind:
          this.destroy();
          return;
        case OP.abandon:
          return;
        default:
          this.destroy();
      }
    } catch (err) {
      this.options.onError?.(err);
      this.destroy();
    }
  }

  #bind(id: number, name: string, password: string): void {
    try {
      this.#send([resultMessage(id, 0x61, this.options.handler.bind(this.session, name, password))]);
    } catch (err) {
      this.options.onError?.(err);
      this.destroy();
    }
  }

  #search(id: number, op: SearchOp): void {
    try {
      this.#send(encodeSearch(this.options.cache, id, this.options.handler.search(this.session, op)));
    } catch (err) {
      this.options.onError?.(err);
      this.destroy();
    }
  }

  #extended(id: number, oid: string, value: string | undefined): void {
    if (oid === START_TLS_OID) {
      const material = this.options.startTls;
      if (!material || this.#out !== this.socket) {
        const r: LdapResult = { resultCode: ResultCode.protocolError, diagnostic: "StartTLS is not available" };
        this.#send([new ldapjs.ExtendedResponse({ ...resultOptions(id, r), responseName: START_TLS_OID }).toBer().buffer]);
        return;
      }
      this.#send([new ldapjs.ExtendedResponse({ ...resultOptions(id, { resultCode: 0 }), responseName: START_TLS_OID }).toBer().buffer]);
      this.socket.removeListener("data", this.#onData);
      const secure = new tls.TLSSocket(this.socket as net.Socket, { isServer: true, key: material.key, cert: material.cert });
      secure.on("data", this.#onData);
      secure.on("error", () => this.destroy());
      this.#out = secure;
      return;
    }
    const r = this.options.handler.extended(this.session, oid, value);
    this.#send([new ldapjs.ExtendedResponse({ ...resultOptions(id, r), responseName: r.responseName, responseValue: r.responseValue }).toBer().buffer]);
  }
}

/** Starts listening; resolves once the port is bound. */
export function listenLdap(options: WireOptions): Promise<WireServer> {
  const connections = new Set<Connection>();
  const cache = new EncodingCache();
  const accept = (socket: net.Socket | tls.TLSSocket): void => {
    socket.setNoDelay(true);
    const conn = new Connection(socket, { ...options, cache });
    connections.add(conn);
    socket.on("close", () => connections.delete(conn));
  };
  const server = options.tls ? tls.createServer({ key: options.tls.key, cert: options.tls.cert }, accept) : net.createServer(accept);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.removeListener("error", reject);
      server.on("error", (err) => options.onError?.(err));
      const port = (server.address() as net.AddressInfo).port;
      const host = options.host.includes(":") ? `[${options.host}]` : options.host;
      resolve({
        url: `${options.tls ? "ldaps" : "ldap"}://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const conn of connections) conn.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
