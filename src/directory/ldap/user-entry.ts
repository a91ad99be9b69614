// A directory entry as federa hands it on: attribute names lower-cased, every value a string
// (objectGUID as its usual GUID string, SIDs as S-1-…, other binary values as base64), and
// never a password attribute, whatever the server sent.
import type { Entry as LdapEntry } from "ldapts";
import { guidToString, sidToString } from "../ad/binary-values.ts";

const GUID_ATTRIBUTES = new Set(["objectguid", "ms-ds-consistencyguid", "msexchmailboxguid"]);
const SID_ATTRIBUTES = new Set(["objectsid", "sidhistory", "tokengroups"]);
const BINARY_ATTRIBUTES = [...GUID_ATTRIBUTES, ...SID_ATTRIBUTES, "thumbnailphoto", "jpegphoto", "usercertificate", "usersmimecertificate"];
const SECRET_ATTRIBUTES = new Set(["userpassword", "unicodepwd", "dbcspwd", "ntpwdhistory", "lmpwdhistory", "supplementalcredentials"]);

/**
 * Attribute names ldapts must return as bytes. It matches them case-sensitively against the
 * names the server sends, so both AD's spelling and lower case are listed.
 */
export const EXPLICIT_BUFFER_ATTRIBUTES = [
  "objectGUID", "objectSid", "sIDHistory", "tokenGroups", "mS-DS-ConsistencyGuid", "msExchMailboxGuid",
  "thumbnailPhoto", "jpegPhoto", "userCertificate", "userSMIMECertificate",
  ...BINARY_ATTRIBUTES,
];

function render(name: string, value: string | Buffer): string {
  if (typeof value === "string") return value;
  if (GUID_ATTRIBUTES.has(name)) return guidToString(value) ?? value.toString("hex");
  if (SID_ATTRIBUTES.has(name)) return sidToString(value) ?? value.toString("hex");
  return value.toString("base64");
}

/** Lower-cased attribute name → string values (empty attributes dropped). */
export function entryAttributes(entry: LdapEntry): Record<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of Object.keys(entry)) {
    const name = key.toLowerCase();
    if (name === "dn" || SECRET_ATTRIBUTES.has(name)) continue;
    const raw = entry[key] as string | Buffer | (string | Buffer)[];
    const list = Array.isArray(raw) ? raw : [raw];
    if (list.length === 0) continue;
    let values = out.get(name);
    if (!values) out.set(name, (values = []));
    for (const v of list) values.push(typeof v === "string" ? v : render(name, v));
  }
  // fromEntries defines own properties, so no attribute name can reach the prototype.
  return Object.fromEntries(out);
}

export function first(attributes: Record<string, string[]>, name: string): string | undefined {
  return attributes[name.toLowerCase()]?.[0];
}
