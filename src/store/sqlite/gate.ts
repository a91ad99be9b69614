// One SQLite connection, used by async code: while a transaction is open, every other caller of
// the repository waits for it to end, so their statements never land inside it (and never get
// rolled back with it). The transaction's own work goes through a view that does not wait.
import type Database from "better-sqlite3";

export class TransactionGate {
  #open: Promise<void> | undefined;

  constructor(private readonly db: Database.Database) {}

  /**
   * Runs a single statement's work when no transaction is open: at once, usually. The check and
   * the work happen in one synchronous step, so no transaction can begin in between.
   */
  outside<T>(work: () => T): Promise<Awaited<T>> {
    if (this.#open) return this.#outsideLater(work);
    // Nothing to wait for (the usual case): the work's own promise, without an async frame.
    try {
      return Promise.resolve(work()) as Promise<Awaited<T>>;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async #outsideLater<T>(work: () => T): Promise<Awaited<T>> {
    while (this.#open) await this.#open;
    return await work();
  }

  /** Runs `work` between BEGIN IMMEDIATE and COMMIT, after any open transaction; ROLLBACK if it throws. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    // Checked and taken in one synchronous step after each wake-up, so two waiters never both start.
    while (this.#open) await this.#open;
    let release!: () => void;
    this.#open = new Promise<void>((resolve) => (release = resolve));
    try {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work();
        this.db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      }
    } finally {
      this.#open = undefined;
      release();
    }
  }
}
