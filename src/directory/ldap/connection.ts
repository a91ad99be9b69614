// One LDAP connection (ldapts): connected over ldap:// or ldaps://, upgraded by StartTLS when
// configured, and with a deadline on the connect and on every operation, so a directory that
// does not answer costs at most timeoutMs per step and never hangs a request. A connection that
// fails at the socket level is marked broken and is never used again.
import net from "node:net";
import tls from "node:tls";
import { Client, type Control, type SearchOptions, type Entry as LdapEntry } from "ldapts";
import { DirectoryError } from "../types.ts";
import { resultOf, unavailable } from "./errors.ts";
import type { LdapSettings } from "./settings.ts";

export type { LdapEntry };

export class LdapConnection {
  readonly #settings: LdapSettings;
  readonly #client: Client;
  readonly #sockets = new Set<net.Socket>();
  #broken = false;
  /** Operations in flight (the search pool spreads load by it). */
  inFlight = 0;

  private constructor(settings: LdapSettings) {
    this.#settings = settings;
    const track = <T extends net.Socket>(socket: T): T => {
      this.#sockets.add(socket);
      socket.once("close", () => {
        this.#sockets.delete(socket);
        this.#broken = true;
      });
      socket.setNoDelay?.(true);
      return socket;
    };
    this.#client = new Client({
      url: settings.url,
      timeout: settings.timeoutMs,
      connectTimeout: settings.timeoutMs,
      strictDN: false,
      ...(settings.secure ? { tlsOptions: settings.tls } : {}),
      createConnection: ((port: number, host: string) => track(net.connect(port, host))) as typeof net.connect,
      createSecureConnection: ((...args: Parameters<typeof tls.connect>) => track(tls.connect(...args))) as typeof tls.connect,
    });
  }

  /**
   * Opens a connection: TCP (or TLS), StartTLS if configured, then the bind if `bindAs` is given
   * (the service account, or "" for an explicit anonymous bind). Throws DirectoryError.
   */
  static async open(settings: LdapSettings, bindAs?: { dn: string; password: string }): Promise<LdapConnection> {
    const conn = new LdapConnection(settings);
    try {
      if (settings.startTls) await conn.#guard(conn.#client.startTLS({ ...settings.tls }));
      if (bindAs) await conn.#guard(conn.#client.bind(bindAs.dn, bindAs.password));
      return conn;
    } catch (err) {
      conn.destroy();
      if (err instanceof DirectoryError) throw err;
      const result = resultOf(err);
      throw unavailable(result ? (bindAs?.dn ? "service account bind refused" : "anonymous bind refused") : "cannot connect", err);
    }
  }

  /** Neither failed nor closed: safe to send another operation. */
  get usable(): boolean {
    return !this.#broken && (this.#client.isConnected || this.#sockets.size === 0);
  }

  /** A simple bind. Server refusals reject with ldapts's ResultCodeError; socket failures with DIRECTORY_UNAVAILABLE. */
  bind(dn: string, password: string, controls?: Control[]): Promise<void> {
    return this.#run(() => this.#client.bind(dn, password, controls));
  }

  /** A search; search references (AD's referrals to other partitions) are dropped. */
  async search(base: string, options: SearchOptions): Promise<LdapEntry[]> {
    const result = await this.#run(() => this.#client.search(base, options));
    return result.searchEntries;
  }

  async #run<T>(op: () => Promise<T>): Promise<T> {
    if (!this.usable) throw unavailable("connection lost");
    this.inFlight++;
    try {
      return await this.#guard(op());
    } catch (err) {
      if (err instanceof DirectoryError || resultOf(err)) throw err;
      this.destroy();
      throw unavailable("operation failed", err);
    } finally {
      this.inFlight--;
    }
  }

  /** ldapts times each operation out itself; this deadline is the backstop (TLS handshakes included). */
  #guard<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.destroy();
        reject(unavailable("timed out"));
      }, this.#settings.timeoutMs + 100);
    });
    return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
  }

  destroy(): void {
    this.#broken = true;
    for (const socket of this.#sockets) socket.destroy();
  }

  /** Unbinds politely when possible; never waits longer than a moment. */
  async close(): Promise<void> {
    if (!this.#broken && this.#client.isConnected) {
      await Promise.race([this.#client.unbind().catch(() => undefined), new Promise((r) => setTimeout(r, 200).unref())]);
    }
    this.destroy();
  }
}
