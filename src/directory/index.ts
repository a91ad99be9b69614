// The directory folder's public face: the Directory interface and its errors, the directory
// federa runs with (createDirectory), the LDAP client for any server (createLdapDirectory), the
// embedded lab server (startEmbeddedDirectoryServer), and the escaping helpers.
export { DirectoryError, type Directory, type DirectoryErrorCode, type DirectoryUser } from "./types.ts";
export { createDirectory, embeddedClientConfig, EMBEDDED_SERVICE_ACCOUNT, type RunningDirectory } from "./create-directory.ts";
export { createLdapDirectory, type DirectoryDeps } from "./ldap/ldap-directory.ts";
export {
  startEmbeddedDirectoryServer,
  type EmbeddedServer,
  type EmbeddedServerOptions,
  type TlsMaterial,
} from "./embedded/server.ts";
export { escapeDnValue, escapeFilterValue } from "./escape.ts";
export { guidToString, sidToString } from "./ad/binary-values.ts";
