// The lab world's users as plain objects (the shape src/directory hands the IdP), and an
// Active Directory attribute store over them, for the claim rule tests. No directory, no LDAP.
import { createActiveDirectoryStore, type AttributeStore, type DirectoryUserLike } from "../../src/idp/claims/index.ts";

const base = "OU=People,DC=corp,DC=example,DC=test";

function user(username: string, displayName: string, department: string, groups: string[]): DirectoryUserLike {
  return {
    username,
    domain: "CORP",
    dn: `CN=${displayName},${base}`,
    attributes: {
      samaccountname: [username],
      userprincipalname: [`${username}@corp.example.test`],
      mail: [`${username}@corp.example.test`],
      displayname: [displayName],
      department: [department],
      objectguid: [`0000000${username.length}-1111-2222-3333-444455556666`],
    },
    groups,
  };
}

export const USERS: Record<string, DirectoryUserLike> = {
  alice: user("alice", "Alice Archer", "Security", ["AWS-111122223333-KeyAdmins", "AWS-111122223333-Developers", "Domain Users"]),
  bob: user("bob", "Bob Baker", "Engineering", ["AWS-111122223333-Developers", "Domain Users"]),
  dave: user("dave", "Dave Dunn", "Sales", ["Domain Users", "Sales"]),
  // Security is a member of AWS-111122223333-Auditors: the directory hands nested groups too.
  erin: user("erin", "Erin Ellis", "Audit", ["Security", "AWS-444455556666-ReadOnly", "AWS-111122223333-Auditors"]),
};

export interface RecordingStore {
  store: AttributeStore;
  /** The account names resolve() was called with. */
  resolved: string[];
}

export function labStore(users: Record<string, DirectoryUserLike> = USERS): RecordingStore {
  const resolved: string[] = [];
  const store = createActiveDirectoryStore(async (accountName) => {
    resolved.push(accountName);
    const found = Object.hasOwn(users, accountName.toLowerCase()) ? users[accountName.toLowerCase()] : undefined;
    if (!found) throw new Error(`no such user: ${accountName}`);
    return found;
  });
  return { store, resolved };
}
