// The root DSE (the entry with the empty DN): what a client reads, anonymously too, to learn the
// server's naming contexts and capabilities. Shaped like a domain controller's.
import type { DirectoryTree, Entry } from "./tree.ts";

/** LDAP_CAP_ACTIVE_DIRECTORY_OID: tells clients this server speaks Active Directory. */
const LDAP_CAP_ACTIVE_DIRECTORY = "1.2.840.113556.1.4.800";
const WHO_AM_I = "1.3.6.1.4.1.4203.1.11.3";
const START_TLS = "1.3.6.1.4.1.1466.20037";

function generalizedTime(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, "").replace(/\.\d+Z$/, ".0Z");
}

export function rootDse(tree: DirectoryTree, now: Date, startTls: boolean): Entry {
  const base = tree.defaultNamingContext.dn;
  const attrs: [string, string[]][] = [
    ["currentTime", [generalizedTime(now)]],
    ["namingContexts", tree.namingContexts.map((e) => e.dn)],
    ["defaultNamingContext", [base]],
    ["rootDomainNamingContext", [base]],
    ["dnsHostName", [`dc1.${tree.dnsDomain}`]],
    ["ldapServiceName", [`${tree.dnsDomain}:dc1$@${tree.dnsDomain.toUpperCase()}`]],
    ["supportedLDAPVersion", ["3"]],
    ["supportedCapabilities", [LDAP_CAP_ACTIVE_DIRECTORY]],
    ["supportedExtension", startTls ? [WHO_AM_I, START_TLS] : [WHO_AM_I]],
    ["supportedSASLMechanisms", []],
    ["isSynchronized", ["TRUE"]],
    ["domainFunctionality", ["7"]],
    ["forestFunctionality", ["7"]],
    ["domainControllerFunctionality", ["7"]],
    ["vendorName", ["federa embedded directory"]],
  ];
  return {
    dn: "",
    ndn: "",
    parent: undefined,
    children: [],
    attrs: new Map(attrs.map(([name, values]) => [name.toLowerCase(), { name, values }])),
  };
}
