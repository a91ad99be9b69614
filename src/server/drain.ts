// Graceful shutdown: stop accepting connections, let requests in flight finish (up to a deadline),
// and only then close what they use (the directory, the store).
import type { IncomingMessage, Server, ServerResponse } from "node:http";

export interface Drain {
  /** Counts the request until its response finishes or its connection closes; then runs `onDone`. */
  track(req: IncomingMessage, res: ServerResponse, onDone?: () => void): void;
  /** Closes the server and resolves when no request is in flight, or at the deadline. */
  close(server: Server, deadlineMs: number): Promise<void>;
}

export function createDrain(): Drain {
  let active = 0;
  let idle: (() => void) | undefined;
  return {
    track(_req, res, onDone) {
      active++;
      // A response emits "close" once, whether it finished or its connection closed before; one
      // listener, an unnamed function (under tsx a named one is also given its name, per request).
      res.once("close", () => {
        onDone?.();
        active--;
        if (active === 0) idle?.();
      });
    },
    close(server, deadlineMs) {
      return new Promise<void>((resolve) => {
        let settled = false;
        const settle = () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          server.closeAllConnections();
          resolve();
        };
        const timer = setTimeout(settle, deadlineMs);
        server.close();
        server.closeIdleConnections();
        idle = () => {
          server.closeIdleConnections();
          settle();
        };
        if (active === 0) idle();
      });
    },
  };
}
