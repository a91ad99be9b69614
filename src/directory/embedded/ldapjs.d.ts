// The part of ldapjs 3 (which ships no types) that src/directory/embedded/ldapjs-wire.ts uses:
// its BER message parser and message classes. Nothing else in federa imports ldapjs.
declare module "ldapjs" {
  import type { EventEmitter } from "node:events";

  namespace ldapjs {
    class Parser extends EventEmitter {
      constructor(options?: { log?: unknown });
      write(data: Buffer): boolean;
    }

    interface ResultOptions {
      messageId: number;
      status?: number;
      matchedDN?: string;
      diagnosticMessage?: string;
    }
    class LdapResultMessage {
      constructor(options: ResultOptions);
      toBer(): { buffer: Buffer };
    }
    class BindResponse extends LdapResultMessage {}
    class SearchResponse extends LdapResultMessage {}
    class CompareResponse extends LdapResultMessage {}
    class AddResponse extends LdapResultMessage {}
    class DeleteResponse extends LdapResultMessage {}
    class ModifyResponse extends LdapResultMessage {}
    class ModifyDNResponse extends LdapResultMessage {}
    class ExtendedResponse extends LdapResultMessage {
      constructor(options: ResultOptions & { responseName?: string | undefined; responseValue?: string | undefined });
    }

    class Attribute {
      constructor(options: { type: string; values: (string | Buffer)[] });
    }
    class SearchEntry {
      constructor(options: { messageId: number; objectName: unknown; attributes: Attribute[] });
      toBer(): { buffer: Buffer };
    }
    class SearchReference {
      constructor(options: { messageId: number; uri: string[] });
      toBer(): { buffer: Buffer };
    }
  }
  export = ldapjs;
}
