// The keys of the account for the KMS page, read as the console reads them in AWS: ListKeys and
// ListAliases page by page, then DescribeKey for each key, every call as the signed-in caller.
// What the caller may not do is reported in place, not hidden.
import type { AliasListEntry, DescribeKeyResponse, ListAliasesResponse, ListKeysResponse } from "@aws-sdk/client-kms";
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";
import { callKms } from "../calls/kms-call.ts";
import type { Problem } from "../calls/problem.ts";

export interface KeyRow {
  keyId: string;
  arn: string;
  aliases: string[];
  state?: string;
  keySpec?: string;
  keyUsage?: string;
  description?: string;
  keyManager?: string;
  /** DescribeKey failed for this key. */
  problem?: Problem;
}

export interface KeyList {
  customer: KeyRow[];
  aws: KeyRow[];
  /** ListKeys failed: no keys are known. */
  listProblem?: Problem;
  /** ListAliases failed: keys are shown without their aliases. */
  aliasProblem?: Problem;
}

/** At most this many pages of each listing (100,000 keys): a bound, not a limit anyone meets. */
const MAX_PAGES = 100;

export async function loadKeyList(ctx: ConsoleContext, who: SignedIn): Promise<KeyList> {
  const keys: { KeyId: string; KeyArn: string }[] = [];
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const listed = await callKms<ListKeysResponse>(ctx, who, "ListKeys", { Limit: 1000, ...(marker ? { Marker: marker } : {}) });
    if (!listed.ok) return { customer: [], aws: [], listProblem: listed.problem };
    for (const k of listed.output.Keys ?? []) if (k.KeyId && k.KeyArn) keys.push({ KeyId: k.KeyId, KeyArn: k.KeyArn });
    marker = listed.output.Truncated ? listed.output.NextMarker : undefined;
    if (!marker) break;
  }
  const aliases = await loadAliases(ctx, who);
  const byKey = new Map<string, string[]>();
  if (aliases.ok) {
    for (const a of aliases.output) {
      if (a.TargetKeyId && a.AliasName) byKey.set(a.TargetKeyId, [...(byKey.get(a.TargetKeyId) ?? []), a.AliasName]);
    }
  }
  const rows = await Promise.all(
    keys.map(async (k): Promise<KeyRow> => {
      const row: KeyRow = { keyId: k.KeyId, arn: k.KeyArn, aliases: byKey.get(k.KeyId) ?? [] };
      const described = await callKms<DescribeKeyResponse>(ctx, who, "DescribeKey", { KeyId: k.KeyId });
      if (!described.ok) return { ...row, problem: described.problem };
      const m = described.output.KeyMetadata;
      return { ...row, state: m?.KeyState, keySpec: m?.KeySpec, keyUsage: m?.KeyUsage, description: m?.Description, keyManager: m?.KeyManager };
    }),
  );
  const aws = rows.filter((r) => r.keyManager === "AWS" || r.aliases.some((a) => a.startsWith("alias/aws/")));
  const customer = rows.filter((r) => !aws.includes(r));
  const byName = (a: KeyRow, b: KeyRow) => (a.aliases[0] ?? `~${a.keyId}`).localeCompare(b.aliases[0] ?? `~${b.keyId}`);
  return { customer: customer.sort(byName), aws: aws.sort(byName), ...(aliases.ok ? {} : { aliasProblem: aliases.problem }) };
}

/** Every alias of the account (or of one key), page by page. */
export async function loadAliases(ctx: ConsoleContext, who: SignedIn, keyId?: string): Promise<{ ok: true; output: AliasListEntry[] } | { ok: false; problem: Problem }> {
  const all: AliasListEntry[] = [];
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const listed = await callKms<ListAliasesResponse>(ctx, who, "ListAliases", { Limit: 100, ...(keyId ? { KeyId: keyId } : {}), ...(marker ? { Marker: marker } : {}) });
    if (!listed.ok) return listed;
    all.push(...(listed.output.Aliases ?? []));
    marker = listed.output.Truncated ? listed.output.NextMarker : undefined;
    if (!marker) break;
  }
  return { ok: true, output: all };
}
