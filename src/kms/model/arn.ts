// KMS ARNs: arn:aws:kms:<region>:<account>:key/<key id> and …:alias/<name>.

export const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MULTI_REGION_KEY_ID = /^mrk-[0-9a-f]{32}$/;

export function keyArn(region: string, accountId: string, keyId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}

export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${accountId}:${aliasName}`;
}

export interface ParsedKmsArn {
  region: string;
  accountId: string;
  /** "key" or "alias". */
  type: "key" | "alias";
  /** The key id, or the alias name with its "alias/" prefix. */
  name: string;
}

const ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(key\/.+|alias\/.+)$/;

export function parseKmsArn(arn: string): ParsedKmsArn | undefined {
  const m = ARN.exec(arn);
  if (!m) return undefined;
  const resource = m[3]!;
  if (resource.startsWith("key/")) return { region: m[1]!, accountId: m[2]!, type: "key", name: resource.slice(4) };
  return { region: m[1]!, accountId: m[2]!, type: "alias", name: resource };
}
