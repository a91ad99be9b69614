// Lexer of the claim rule language: identifiers, "..." strings, operators and punctuation, with
// 1-based line/column on every token. `//` and `/* */` comments and whitespace are skipped.
// Strings hold no escapes: as in AD FS, a string cannot contain `"` and a backslash is an
// ordinary character (so a regex's `\d` is written as is); a string ends at the end of its line.
import { ClaimRulesParseError } from "./errors.ts";

export type Punct = "=>" | "==" | "!=" | "=~" | "!~" | "=" | "&&" | "," | ";" | ":" | "[" | "]" | "(" | ")" | "." | "+" | "@";
export type TokenKind = "ident" | "string" | "eof" | Punct;

export interface Token {
  kind: TokenKind;
  /** The identifier, the string's content (without quotes) or the punctuation itself. */
  text: string;
  line: number;
  column: number;
}

// Longest first, so "=>" wins over "=".
const PUNCTS: readonly Punct[] = ["=>", "==", "!=", "=~", "!~", "&&", "=", ",", ";", ":", "[", "]", "(", ")", ".", "+", "@"];

const TYPOGRAPHIC_QUOTES = "\u201C\u201D\u201E\u2033";

function isIdentStart(ch: string): boolean {
  return (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") || ch === "_";
}
function isIdentPart(ch: string): boolean {
  return isIdentStart(ch) || (ch >= "0" && ch <= "9");
}

export function tokenize(text: string, source?: string): Token[] {
  const tokens: Token[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = 0;
  const fail = (reason: string, at: number, atLine = line, atLineStart = lineStart): never => {
    throw new ClaimRulesParseError(reason, atLine, at - atLineStart + 1, source);
  };

  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\n") {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\f" || ch === "\v" || ch === "\u00A0") {
      i++;
      continue;
    }
    if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (ch === "/" && text[i + 1] === "*") {
      const start = i;
      const startLine = line;
      const startLineStart = lineStart;
      i += 2;
      while (i < text.length && !(text[i] === "*" && text[i + 1] === "/")) {
        if (text[i] === "\n") {
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= text.length) fail("unterminated comment", start, startLine, startLineStart);
      i += 2;
      continue;
    }
    const column = i - lineStart + 1;
    if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      const newline = text.indexOf("\n", i + 1);
      if (end === -1 || (newline !== -1 && newline < end)) fail("unterminated string", i);
      tokens.push({ kind: "string", text: text.slice(i + 1, end), line, column });
      i = end + 1;
      continue;
    }
    if (isIdentStart(ch)) {
      let j = i + 1;
      while (j < text.length && isIdentPart(text[j]!)) j++;
      tokens.push({ kind: "ident", text: text.slice(i, j), line, column });
      i = j;
      continue;
    }
    const punct = PUNCTS.find((p) => text.startsWith(p, i));
    if (punct !== undefined) {
      tokens.push({ kind: punct, text: punct, line, column });
      i += punct.length;
      continue;
    }
    if (TYPOGRAPHIC_QUOTES.includes(ch)) fail(`unexpected character "${ch}" (a typographic quote: write strings with ")`, i);
    const printable = ch >= " " && ch !== "\u007F" ? ch : `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
    fail(`unexpected character "${printable}"`, i);
  }
  tokens.push({ kind: "eof", text: "", line, column: i - lineStart + 1 });
  return tokens;
}
