// GET /health: liveness for people and orchestrators. Says nothing secret.
import type { Request, Response } from "express";

export function health(startedAt: Date) {
  return (_req: Request, res: Response): void => {
    res.status(200).set("Cache-Control", "no-store").json({ status: "ok", service: "federa", startedAt: startedAt.toISOString() });
  };
}
