// A small LDIF reader (RFC 2849, content records only): comments, folded (continuation) lines,
// `version: 1`, `attr: value`, base64 `attr:: value` and `dn::`. Change records and `:<` URL
// values are refused with the line they are on.

export interface LdifAttribute {
  /** The attribute description as first written (case kept). */
  name: string;
  /** `attr: text` gives a string; `attr:: base64` gives the decoded bytes. */
  values: (string | Buffer)[];
}

export interface LdifRecord {
  dn: string;
  /** 1-based line of the record's `dn:` line. */
  line: number;
  /** In file order; repeated attribute lines are merged (case-insensitively). */
  attributes: LdifAttribute[];
}

export class LdifSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`LDIF line ${line}: ${message}`);
    this.name = "LdifSyntaxError";
  }
}

interface LogicalLine {
  text: string;
  line: number;
}

/** Unfolds continuation lines; a blank line becomes an empty logical line (a record separator). */
function logicalLines(text: string): LogicalLine[] {
  const physical = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const out: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  physical.forEach((raw, index) => {
    if (raw.startsWith(" ") && current !== undefined && current.text !== "") {
      current.text += raw.slice(1);
      return;
    }
    current = { text: raw.trim() === "" ? "" : raw, line: index + 1 };
    out.push(current);
  });
  return out.filter((l) => !l.text.startsWith("#"));
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parseLine(l: LogicalLine): { name: string; value: string | Buffer } {
  const m = /^([A-Za-z0-9][A-Za-z0-9;.-]*):(:|<)?(.*)$/.exec(l.text);
  if (!m) throw new LdifSyntaxError("expected `attribute: value`", l.line);
  const name = m[1] as string;
  const kind = m[2];
  const rest = (m[3] as string).replace(/^ +/, "");
  if (kind === "<") throw new LdifSyntaxError(`URL values (${name}:<) are not supported`, l.line);
  if (kind === ":") {
    const b64 = rest.replace(/\s+/g, "");
    if (!BASE64.test(b64) || b64.length % 4 !== 0) throw new LdifSyntaxError(`invalid base64 value for ${name}`, l.line);
    return { name, value: Buffer.from(b64, "base64") };
  }
  return { name, value: rest };
}

function splitRecords(lines: LogicalLine[]): LogicalLine[][] {
  const records: LogicalLine[][] = [];
  let current: LogicalLine[] = [];
  for (const l of lines) {
    if (l.text === "") {
      if (current.length) records.push(current);
      current = [];
    } else {
      current.push(l);
    }
  }
  if (current.length) records.push(current);
  return records;
}

export function parseLdif(text: string): LdifRecord[] {
  const records = splitRecords(logicalLines(text));
  const first = records[0];
  if (first && /^version:/i.test(first[0]?.text ?? "")) {
    const version = parseLine(first[0] as LogicalLine);
    if (String(version.value).trim() !== "1") throw new LdifSyntaxError("only LDIF version 1 is supported", first[0]?.line ?? 1);
    first.shift();
    if (first.length === 0) records.shift();
  }
  return records.map((lines) => {
    const head = lines[0] as LogicalLine;
    const dnLine = parseLine(head);
    if (dnLine.name.toLowerCase() !== "dn") throw new LdifSyntaxError("a record must start with `dn:`", head.line);
    const dn = typeof dnLine.value === "string" ? dnLine.value : dnLine.value.toString("utf8");
    const byName = new Map<string, LdifAttribute>();
    for (const l of lines.slice(1)) {
      const { name, value } = parseLine(l);
      const key = name.toLowerCase();
      if (key === "changetype" || key === "control") {
        throw new LdifSyntaxError("change records are not supported (content records only)", l.line);
      }
      if (key === "dn") throw new LdifSyntaxError("a second `dn:` in one record (missing blank line?)", l.line);
      const attribute = byName.get(key) ?? { name, values: [] };
      attribute.values.push(value);
      byName.set(key, attribute);
    }
    return { dn, line: head.line, attributes: [...byName.values()] };
  });
}
