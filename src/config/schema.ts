// The configuration schema: every option, its default, and what it means. Defaults are the
// embedded lab world, so federa runs with no configuration at all.
import { z } from "zod";

const port = z.number().int().min(0).max(65535);

export const embeddedDirectorySchema = z.strictObject({
  type: z.literal("embedded"),
  /** The LDIF file the embedded LDAP server serves. */
  ldif: z.string().default("fixtures/directory.ldif"),
  /** Port of the embedded LDAP server on 127.0.0.1; 0 picks a free one. */
  port: port.default(0),
});

export const ldapDirectorySchema = z.strictObject({
  type: z.literal("ldap"),
  /** ldap:// or ldaps:// URL. */
  url: z.string().regex(/^ldaps?:\/\/[^\s]+$/, "must be an ldap:// or ldaps:// URL"),
  startTls: z.boolean().default(false),
  /** PEM file of the CA that signed the server's certificate (ldaps:// and StartTLS). */
  caFile: z.string().optional(),
  rejectUnauthorized: z.boolean().default(true),
  /** "ad" for Active Directory (Samba AD, Windows), "openldap" for OpenLDAP with the memberOf overlay. */
  flavour: z.enum(["ad", "openldap"]).default("ad"),
  /** Service account for searches. Without it, the user's own bind is used for the search. */
  bindDn: z.string().optional(),
  bindPassword: z.string().optional(),
  baseDn: z.string().min(1),
  /** Filter that finds a user; {0} is the escaped account name. */
  userFilter: z.string().optional(),
  /** NetBIOS domain name (CORP in CORP\alice). */
  domain: z.string().optional(),
  /** How nested groups are resolved: memberOf walk, AD's LDAP_MATCHING_RULE_IN_CHAIN, or tokenGroups. */
  groupStrategy: z.enum(["memberOf", "inChain", "tokenGroups"]).optional(),
  /** Milliseconds before an unanswered directory counts as unavailable. */
  timeoutMs: z.number().int().min(100).max(120_000).default(5000),
});

export const directorySchema = z.discriminatedUnion("type", [embeddedDirectorySchema, ldapDirectorySchema]);

export const serviceProviderSchema = z.strictObject({
  entityId: z.string().min(1),
  /** Where the browser posts the SAMLResponse (the form's action). */
  acsUrl: z.string().url(),
  /** SubjectConfirmationData/@Recipient and Response/@Destination. */
  recipient: z.string().url(),
  audience: z.string().min(1),
  /** Also accepted as ACS URLs in AuthnRequests (AssertionConsumerServiceURL). */
  alternateAcsUrls: z.array(z.string().url()).default([]),
  wantAuthnRequestsSigned: z.boolean().default(false),
  /** PEM certificate file(s) that sign this SP's AuthnRequests. */
  signingCertFiles: z.array(z.string()).default([]),
  signResponse: z.boolean().default(true),
  nameIdFormat: z.string().default("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"),
  /** The claim rule set file in AD FS claim rule language; the built-in AWS rule set when absent. */
  claimRules: z.string().optional(),
});

export const idpSchema = z.strictObject({
  /** The IdP's entity ID (the Issuer). Default: <publicUrl>/idp/metadata. */
  entityId: z.string().optional(),
  /** PEM private key and certificate; generated in the data directory when absent. */
  signingKeyFile: z.string().optional(),
  signingCertFile: z.string().optional(),
  /** A certificate published in metadata ahead of a key switch. */
  nextSigningCertFile: z.string().optional(),
  /** Lifetime of an assertion's conditions and Bearer confirmation, in seconds. */
  assertionLifetimeSeconds: z.number().int().min(60).max(3600).default(300),
  /** How long an IdP session lets a second sign-on through without a password. */
  sessionMinutes: z.number().int().min(1).max(1440).default(480),
  /** SessionDuration attribute sent to AWS (900–43200). */
  sessionDurationSeconds: z.number().int().min(900).max(43200).default(3600),
  lockout: z
    .strictObject({
      /** Failures after which each further attempt is delayed. */
      slowAfter: z.number().int().min(1).default(3),
      /** Failures after which the account is locked for lockMinutes. */
      lockAfter: z.number().int().min(2).default(10),
      lockMinutes: z.number().int().min(1).default(15),
    })
    .prefault({}),
});

export const configSchema = z.strictObject({
  host: z.string().default("127.0.0.1"),
  port: port.default(4577),
  /** The URL people reach federa at; default http://<host>:<port>. */
  publicUrl: z.string().url().optional(),
  dataDir: z.string().default(".federa"),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** "development" allows the test-only material under certs/; "production" refuses it. */
  mode: z.enum(["development", "production"]).default("production"),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/).default("us-east-1"),
  directory: directorySchema.default({ type: "embedded", ldif: "fixtures/directory.ldif", port: 0 }),
  idp: idpSchema.prefault({}),
  /** Service providers; the default is AWS. */
  serviceProviders: z.array(serviceProviderSchema).optional(),
});

export type FederaConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type DirectoryConfig = z.output<typeof directorySchema>;
export type LdapDirectoryConfig = z.output<typeof ldapDirectorySchema>;
export type EmbeddedDirectoryConfig = z.output<typeof embeddedDirectorySchema>;
export type ServiceProviderConfig = z.output<typeof serviceProviderSchema>;
export type IdpConfig = z.output<typeof idpSchema>;
