// What every domain module works with: the store's IAM repository and the clock.
import type { IamRepository } from "../../store/index.ts";
import type { Clock } from "../../shared/index.ts";

export interface Domain {
  readonly repo: IamRepository;
  readonly clock: Clock;
  /** The current time as records keep it (ISO 8601). */
  now(): string;
}

export function createDomain(repo: IamRepository, clock: Clock): Domain {
  return { repo, clock, now: () => clock.now().toISOString() };
}
