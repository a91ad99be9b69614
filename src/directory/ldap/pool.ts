// Connection pools, so a login costs LDAP operations and not TCP connects.
// - SearchPool: a few connections bound once (service account, or anonymous), shared: LDAP
//   multiplexes many searches on one connection by message ID.
// - BindPool: connections used one login at a time, because a bind changes the identity of the
//   whole connection and must not overlap another operation on it (RFC 4511 §4.2.1).
// A connection that broke is dropped; an operation that failed on a reused connection (one the
// server may have closed while idle) is retried once on a fresh one.
import { DirectoryError } from "../types.ts";
import { LdapConnection } from "./connection.ts";
import { unavailable } from "./errors.ts";
import type { LdapSettings } from "./settings.ts";

function isConnectionFailure(err: unknown): boolean {
  return err instanceof DirectoryError && err.code === "DIRECTORY_UNAVAILABLE";
}

export class SearchPool {
  readonly #slots: (Promise<LdapConnection> | undefined)[];
  #next = 0;
  #closed = false;

  constructor(
    private readonly settings: LdapSettings,
    /** Who the connections bind as: the service account, or anonymous. */
    private readonly bindAs: { dn: string; password: string },
  ) {
    this.#slots = new Array(settings.searchPoolSize).fill(undefined);
  }

  async run<T>(op: (conn: LdapConnection) => Promise<T>): Promise<T> {
    const slot = this.#next++ % this.#slots.length;
    const { conn, fresh } = await this.#connection(slot);
    try {
      return await op(conn);
    } catch (err) {
      if (!isConnectionFailure(err) || fresh || conn.usable) throw err;
      return op((await this.#connection(slot)).conn);
    }
  }

  async #connection(slot: number): Promise<{ conn: LdapConnection; fresh: boolean }> {
    if (this.#closed) throw unavailable("directory closed");
    const current = this.#slots[slot];
    if (current) {
      const conn = await current.catch(() => undefined);
      if (conn?.usable) return { conn, fresh: false };
      if (this.#slots[slot] !== current) return this.#connection(slot);
    }
    const opening = LdapConnection.open(this.settings, this.bindAs);
    this.#slots[slot] = opening;
    opening.catch(() => {
      if (this.#slots[slot] === opening) this.#slots[slot] = undefined;
    });
    return { conn: await opening, fresh: true };
  }

  async close(): Promise<void> {
    this.#closed = true;
    const slots = this.#slots.splice(0);
    await Promise.all(slots.map(async (p) => (await p?.catch(() => undefined))?.close()));
  }
}

export class BindPool {
  readonly #idle: LdapConnection[] = [];
  readonly #waiters: ((conn: LdapConnection | undefined) => void)[] = [];
  #total = 0;
  #closed = false;

  constructor(private readonly settings: LdapSettings) {}

  /** Runs `op` with a connection nobody else uses meanwhile. */
  async run<T>(op: (conn: LdapConnection) => Promise<T>): Promise<T> {
    const first = await this.#acquire();
    try {
      return await op(first.conn);
    } catch (err) {
      if (!isConnectionFailure(err) || first.fresh || first.conn.usable) throw err;
    } finally {
      this.#release(first.conn);
    }
    const second = await this.#acquire(true);
    try {
      return await op(second.conn);
    } finally {
      this.#release(second.conn);
    }
  }

  async #acquire(forceNew = false): Promise<{ conn: LdapConnection; fresh: boolean }> {
    for (;;) {
      if (this.#closed) throw unavailable("directory closed");
      while (!forceNew && this.#idle.length) {
        const conn = this.#idle.pop() as LdapConnection;
        if (conn.usable) return { conn, fresh: false };
        this.#discard(conn);
      }
      if (this.#total < this.settings.bindPoolSize || forceNew) {
        this.#total++;
        try {
          return { conn: await LdapConnection.open(this.settings), fresh: true };
        } catch (err) {
          this.#total--;
          this.#wakeOne();
          throw err;
        }
      }
      const handed = await new Promise<LdapConnection | undefined>((resolve) => this.#waiters.push(resolve));
      if (handed) return { conn: handed, fresh: false };
    }
  }

  #release(conn: LdapConnection): void {
    if (this.#closed || !conn.usable) {
      this.#discard(conn);
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter) waiter(conn);
    else this.#idle.push(conn);
  }

  #discard(conn: LdapConnection): void {
    this.#total--;
    void conn.close();
    this.#wakeOne();
  }

  /** Lets a waiter try again (it will open a connection in the freed place). */
  #wakeOne(): void {
    this.#waiters.shift()?.(undefined);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) waiter(undefined);
    await Promise.all(this.#idle.splice(0).map((c) => c.close()));
  }
}
