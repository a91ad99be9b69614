// How CloudTrail writes KMS's values in responseElements: member names in camelCase as the
// service's own serializer makes them (AWSAccountId → aWSAccountId), dates as shared's trailDate
// ("Jun 30, 2020 2:34:07 AM", UTC), and nothing else changed.
import { trailDate } from "../../shared/index.ts";

/** An API structure as responseElements write it: camelCase members, dates as trailDate, recursively. */
export function trailShape(value: unknown): unknown {
  if (value instanceof Date) return trailDate(value);
  if (Array.isArray(value)) return value.map(trailShape);
  if (value === null || typeof value !== "object" || value instanceof Uint8Array) return value;
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value)) {
    if (member !== undefined) out[name.charAt(0).toLowerCase() + name.slice(1)] = trailShape(member);
  }
  return out;
}
