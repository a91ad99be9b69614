// xmldom (0.9.x) compiles a new Unicode regular expression from its grammar for every end tag it
// reads (sax.js: `g.reg('^', g.QName_group, g.S_OPT, '$')`), which was the largest single cost of
// parsing a SAMLResponse. Its `reg` is a pure function of its parts, and the expressions it makes
// carry no state (no g or y flag), so the same parts may share one compiled expression: `reg` is
// wrapped here to remember what it made, keyed by the identity of its parts (grammar constants and
// short strings). What xmldom matches, and every error it reports, is unchanged.
import { createRequire } from "node:module";

type RegPart = RegExp | string;
interface Grammar {
  reg: (this: unknown, ...parts: RegPart[]) => RegExp;
}

interface TrieNode {
  next: Map<RegPart, TrieNode>;
  made?: RegExp;
}

/** Distinct part sequences remembered at most (xmldom uses a handful). */
const MAX_REMEMBERED = 64;

export function installRegExpCache(): void {
  const grammar = createRequire(import.meta.url)("@xmldom/xmldom/lib/grammar.js") as Grammar & { __federaCached?: true };
  if (grammar.__federaCached) return;
  const original = grammar.reg;
  const root: TrieNode = { next: new Map() };
  let remembered = 0;
  grammar.reg = function cachedReg(this: unknown, ...parts: RegPart[]): RegExp {
    let node = root;
    for (const part of parts) {
      let child = node.next.get(part);
      if (!child) {
        if (remembered >= MAX_REMEMBERED) return original.apply(this, parts);
        child = { next: new Map() };
        node.next.set(part, child);
      }
      node = child;
    }
    if (!node.made) {
      const made = original.apply(this, parts);
      if (made.global || made.sticky) return made;
      node.made = made;
      remembered++;
    }
    return node.made;
  };
  grammar.__federaCached = true;
}
