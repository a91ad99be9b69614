// How CloudTrail writes KMS's values in responseElements: member names in camelCase as the
// service's own serializer makes them (AWSAccountId → aWSAccountId), dates in its Java-style text
// ("Jun 30, 2020 2:34:07 AM", UTC), and nothing else changed.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A date as KMS's CloudTrail events write it in responseElements: "Jun 30, 2020 2:34:07 AM" (UTC). */
export function trailDate(date: Date): string {
  const hours = date.getUTCHours();
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${twelve}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? "AM" : "PM"}`;
}

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
