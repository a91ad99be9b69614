// Active Directory's binary identifiers: objectGUID (16 bytes, the first three fields
// little-endian) and SIDs (objectSid, tokenGroups), rendered as their usual strings.

/** 16 bytes → `6b7f0c2e-4a51-4f0e-9d36-1a2b3c4d5e01` (lower case, no braces, as PowerShell shows it). */
export function guidToString(bytes: Buffer): string | undefined {
  if (bytes.length !== 16) return undefined;
  const hex = (from: number, to: number, reverse: boolean): string => {
    const part = [...bytes.subarray(from, to)];
    return (reverse ? part.reverse() : part).map((b) => b.toString(16).padStart(2, "0")).join("");
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}`;
}

/** The inverse of guidToString; undefined for a string that is not a GUID. */
export function guidToBytes(guid: string): Buffer | undefined {
  const m = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i.exec(guid.trim());
  if (!m) return undefined;
  const le = (s: string): number[] => [...Buffer.from(s, "hex")].reverse();
  return Buffer.from([...le(m[1] as string), ...le(m[2] as string), ...le(m[3] as string), ...Buffer.from((m[4] as string) + (m[5] as string), "hex")]);
}

/** A binary SID → `S-1-5-21-…`; undefined if malformed. */
export function sidToString(bytes: Buffer): string | undefined {
  if (bytes.length < 8) return undefined;
  const count = bytes[1] as number;
  if (bytes.length !== 8 + 4 * count) return undefined;
  const authority = bytes.readUIntBE(2, 6);
  const parts = [`S-${bytes[0]}`, String(authority)];
  for (let i = 0; i < count; i++) parts.push(String(bytes.readUInt32LE(8 + 4 * i)));
  return parts.join("-");
}

/** `S-1-5-21-…` → binary SID; undefined if malformed. */
export function sidToBytes(sid: string): Buffer | undefined {
  const m = /^S-(\d+)-(\d+)((?:-\d+)*)$/i.exec(sid.trim());
  if (!m) return undefined;
  const subs = (m[3] as string).split("-").filter(Boolean).map(Number);
  if (subs.length > 15 || subs.some((s) => s > 0xffffffff)) return undefined;
  const out = Buffer.alloc(8 + 4 * subs.length);
  out[0] = Number(m[1]);
  out[1] = subs.length;
  out.writeUIntBE(Number(m[2]), 2, 6);
  subs.forEach((s, i) => out.writeUInt32LE(s, 8 + 4 * i));
  return out;
}
