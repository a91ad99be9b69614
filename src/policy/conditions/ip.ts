// IpAddress / NotIpAddress: the request's address (aws:SourceIp) inside any of the policy's CIDR
// blocks (RFC 4632 for IPv4, RFC 4291 text forms for IPv6, `::` and an embedded dotted quad
// included). A bare address is a /32 or /128. Families never match each other.
import type { ValueTest } from "./matcher.ts";

interface Address { readonly v6: boolean; readonly value: bigint }
interface Block { readonly v6: boolean; readonly network: bigint; readonly mask: bigint }

function parseV4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = head.lastIndexOf(":");
  if (head.includes(".")) {
    tailV4 = parseV4(head.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${head.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const left = groups(halves[0] ?? "");
  const right = halves.length === 2 ? groups(halves[1] ?? "") : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...right];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

export function parseAddress(text: string): Address | undefined {
  const t = text.trim();
  if (t.includes(":")) {
    const value = parseV6(t);
    return value === undefined ? undefined : { v6: true, value };
  }
  const value = parseV4(t);
  return value === undefined ? undefined : { v6: false, value };
}

export function parseBlock(text: string): Block | undefined {
  const [addr = "", prefix, extra] = text.trim().split("/");
  if (extra !== undefined) return undefined;
  const address = parseAddress(addr);
  if (!address) return undefined;
  const bits = address.v6 ? 128 : 32;
  let length = bits;
  if (prefix !== undefined) {
    if (!/^\d{1,3}$/.test(prefix)) return undefined;
    length = Number(prefix);
    if (length > bits) return undefined;
  }
  const all = (1n << BigInt(bits)) - 1n;
  const mask = length === 0 ? 0n : (all << BigInt(bits - length)) & all;
  return { v6: address.v6, network: address.value & mask, mask };
}

export function ipTest(values: readonly string[]): ValueTest {
  const blocks = values.map(parseBlock).filter((b): b is Block => b !== undefined);
  return (value) => {
    const address = parseAddress(value);
    if (!address) return undefined;
    for (const block of blocks) if (block.v6 === address.v6 && (address.value & block.mask) === block.network) return true;
    return false;
  };
}
