// Keeps client text that an error message echoes back short and printable.

export function printable(text: string, max = 200): string {
  const clean = text.replace(/[^\x20-\x7e]/g, "?");
  return clean.length > max ? clean.slice(0, max) + "…" : clean;
}
