// Translation of .NET regular expressions (the dialect of AD FS's =~, !~ and RegExReplace) into
// JavaScript RegExp source with the `u` flag, so that a pattern means in federa what it means in
// AD FS. What has no faithful JavaScript equivalent is refused with the pattern index, never
// approximated silently.
//
// Done by hand, construct by construct:
// - leading inline options `(?i)`, `(?m)`, `(?s)` (and combinations) → flags; `i` becomes the JS
//   flag, `m` and `s` are written into `^`, `$` and `.` below. Options elsewhere, scoped options
//   `(?i:...)`, `(?x)`, `(?n)` and turning options off are refused.
// - .NET classes are Unicode: `\d` = \p{Nd}, `\w` = [\p{L}\p{Mn}\p{Nd}\p{Pc}], `\s` =
//   [\f\n\r\t\v\x85\p{Z}], and `\b` is a boundary of that `\w` (JS's are ASCII).
// - `.` excludes only \n (JS also excludes \r, \u2028, \u2029); `$` also matches before a final
//   \n; `\A`, `\z`, `\Z`; `\a`, `\e`, octal escapes; a `{` that is not a quantifier is literal.
// - groups are numbered as .NET numbers them (unnamed groups first, then named groups), for
//   backreferences here and `$1` in replacements; `(?'name'...)` is accepted as `(?<name>...)`.
// Refused: atomic groups, conditionals, balancing groups, class subtraction, `\G`, Unicode block
// names (`\p{IsGreek}`), `\W` / `\S` inside [...].

export class RegexTranslationError extends Error {
  constructor(
    message: string,
    /** Index in the pattern of the construct at fault. */
    readonly index: number,
  ) {
    super(message);
    this.name = "RegexTranslationError";
  }
}

export interface DotNetRegex {
  /** For =~ and !~ (not global: `test` leaves no state behind). */
  readonly matcher: RegExp;
  /** For RegExReplace: .NET's Regex.Replace replaces every match. */
  readonly global: RegExp;
  /** The JS group number of each .NET group number (index 0 is the whole match). */
  readonly dotnetToJs: readonly number[];
  /** The JS group number of each named group. */
  readonly names: ReadonlyMap<string, number>;
  readonly jsGroupCount: number;
}

const WORD = "\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}";
const SPACE = "\\f\\n\\r\\t\\v\\x85\\p{Z}";
const WORD_BOUNDARY = `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`;
const NOT_WORD_BOUNDARY = `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`;
const JS_SYNTAX = "^$\\.*+?()[]{}|/";
const GENERAL_CATEGORIES = new Set(
  "L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn".split(" "),
);
const GROUP_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A backreference, resolved once every group is known; `digits` is set for `\N` (not for `\k<N>`). */
type Piece = string | { ref: number | string; at: number; digits?: string };

/** Up to three octal digits as a JS escape (.NET's ScanOctal). */
function octal(digits: string): string {
  return `\\u{${parseInt(digits, 8).toString(16)}}`;
}

class Translator {
  private i = 0;
  private readonly out: Piece[] = [];
  private ignoreCase = false;
  private multiline = false;
  private singleline = false;
  private readonly open: number[] = [];
  private jsGroups = 0;
  private readonly unnamed: number[] = [];
  private readonly named = new Map<string, number>();

  constructor(private readonly p: string) {}

  run(): { source: string; flags: string; dotnetToJs: number[]; names: Map<string, number>; jsGroupCount: number } {
    this.leadingOptions();
    while (this.i < this.p.length) this.atom();
    if (this.open.length > 0) this.fail("not enough )'s: this ( is not closed", this.open[this.open.length - 1]!);
    const dotnetToJs = [0, ...this.unnamed, ...this.named.values()];
    const source = this.out
      .map((piece) => {
        if (typeof piece === "string") return piece;
        if (typeof piece.ref === "number") {
          const js = dotnetToJs[piece.ref];
          if (js !== undefined) return `(?:\\${js})`;
          // .NET: \N with no group N is an error for N <= 9, and otherwise an octal escape
          // (\10 is \x08) followed by the remaining digits, literally.
          const lead = piece.digits === undefined || piece.ref <= 9 ? null : /^[0-7]{1,3}/.exec(piece.digits);
          if (!lead) this.fail(`reference to undefined group number ${piece.ref}`, piece.at);
          return octal(lead[0]) + piece.digits!.slice(lead[0].length);
        }
        if (!this.named.has(piece.ref)) this.fail(`reference to undefined group name "${piece.ref}"`, piece.at);
        return `(?:\\k<${piece.ref}>)`;
      })
      .join("");
    return { source, flags: this.ignoreCase ? "iu" : "u", dotnetToJs, names: new Map(this.named), jsGroupCount: this.jsGroups };
  }

  private fail(message: string, index: number): never {
    throw new RegexTranslationError(message, index);
  }

  private emit(piece: Piece): void {
    this.out.push(piece);
  }

  /** `(?i)`, `(?ims)`... at the very start of the pattern. */
  private leadingOptions(): void {
    for (;;) {
      const m = /^\(\?([A-Za-z-]+)([):])/.exec(this.p.slice(this.i));
      if (!m) return;
      const [whole, letters, end] = m as unknown as [string, string, string];
      if (end === ":") this.fail(`scoped inline options (?${letters}:...) are not supported; put (?${letters}) at the start`, this.i);
      for (const [k, letter] of [...letters].entries()) {
        const at = this.i + 2 + k;
        if (letter === "i") this.ignoreCase = true;
        else if (letter === "m") this.multiline = true;
        else if (letter === "s") this.singleline = true;
        else if (letter === "-") this.fail("turning options off ((?-...)) is not supported", at);
        else if (letter === "x" || letter === "n") this.fail(`the inline option "${letter}" is not supported (only i, m and s are)`, at);
        else this.fail(`unrecognized inline option "${letter}"`, at);
      }
      this.i += whole.length;
    }
  }

  private atom(): void {
    const p = this.p;
    const ch = p[this.i]!;
    switch (ch) {
      case "\\":
        this.escape(false);
        return;
      case "[":
        this.characterClass();
        return;
      case "(":
        this.group();
        return;
      case ")":
        if (this.open.length === 0) this.fail("too many )'s", this.i);
        this.open.pop();
        this.emit(")");
        break;
      case ".":
        this.emit(this.singleline ? "[\\s\\S]" : "[^\\n]");
        break;
      case "^":
        this.emit(this.multiline ? "(?<=^|\\n)" : "^");
        break;
      case "$":
        this.emit(this.multiline ? "(?=\\n|$)" : "(?=\\n?$)");
        break;
      case "{": {
        const m = /^\{\d+(,\d*)?\}/.exec(p.slice(this.i));
        if (m) {
          this.emit(m[0]);
          this.i += m[0].length;
          return;
        }
        this.emit("\\{");
        break;
      }
      case "}":
      case "]":
        this.emit(`\\${ch}`);
        break;
      default:
        this.emit(ch);
    }
    this.i++;
  }

  private group(): void {
    const p = this.p;
    const start = this.i;
    if (p[start + 1] !== "?") {
      this.jsGroups++;
      this.unnamed.push(this.jsGroups);
      this.open.push(start);
      this.emit("(");
      this.i++;
      return;
    }
    const rest = p.slice(start + 2);
    if (rest.startsWith(":") || rest.startsWith("=") || rest.startsWith("!") || rest.startsWith("<=") || rest.startsWith("<!")) {
      const head = rest.startsWith("<") ? rest.slice(0, 2) : rest.slice(0, 1);
      this.open.push(start);
      this.emit(`(?${head}`);
      this.i += 2 + head.length;
      return;
    }
    if (rest.startsWith("#")) {
      const end = p.indexOf(")", start);
      if (end === -1) this.fail("unterminated (?#...) comment", start);
      this.i = end + 1;
      return;
    }
    if (rest.startsWith("<") || rest.startsWith("'")) {
      const close = rest[0] === "<" ? ">" : "'";
      const end = rest.indexOf(close, 1);
      if (end === -1) this.fail("unterminated group name", start);
      const name = rest.slice(1, end);
      if (/^\d+$/.test(name)) this.fail(`numbered groups (?<${name}>...) are not supported; use a name`, start);
      if (name.includes("-")) this.fail("balancing groups (?<a-b>...) are not supported", start);
      if (!GROUP_NAME.test(name)) this.fail(`invalid group name "${name}"`, start);
      if (this.named.has(name)) this.fail(`the group name "${name}" is used twice`, start);
      this.jsGroups++;
      this.named.set(name, this.jsGroups);
      this.open.push(start);
      this.emit(`(?<${name}>`);
      this.i = start + 2 + end + 1;
      return;
    }
    if (rest.startsWith(">")) this.fail("atomic groups (?>...) are not supported", start);
    if (rest.startsWith("(")) this.fail("conditional groups (?(...)...) are not supported", start);
    if (/^[imnsx-]/.test(rest)) this.fail("inline options are supported only at the start of the pattern, as (?i)", start);
    this.fail("unrecognized grouping construct", start);
  }

  private characterClass(): void {
    const p = this.p;
    const start = this.i;
    this.emit("[");
    this.i++;
    if (p[this.i] === "^") {
      this.emit("^");
      this.i++;
    }
    if (p[this.i] === "]") {
      this.emit("\\]");
      this.i++;
    }
    for (;;) {
      if (this.i >= p.length) this.fail("unterminated [] set", start);
      const ch = p[this.i]!;
      if (ch === "]") {
        this.emit("]");
        this.i++;
        return;
      }
      if (ch === "\\") {
        this.escape(true);
        continue;
      }
      if (ch === "-" && p[this.i + 1] === "[") this.fail("character class subtraction [a-z-[...]] is not supported", this.i);
      this.emit(ch === "[" ? "\\[" : ch);
      this.i++;
    }
  }

  /** A backslash escape at this.i, inside or outside a [...] set. */
  private escape(inClass: boolean): void {
    const p = this.p;
    const at = this.i;
    const c = p[at + 1];
    if (c === undefined) this.fail("illegal \\ at end of pattern", at);
    this.i = at + 2;
    switch (c) {
      case "d":
        return this.emit("\\p{Nd}");
      case "D":
        return this.emit("\\P{Nd}");
      case "w":
        return this.emit(inClass ? WORD : `[${WORD}]`);
      case "s":
        return this.emit(inClass ? SPACE : `[${SPACE}]`);
      case "W":
      case "S":
        if (inClass) this.fail(`\\${c} inside [...] is not supported`, at);
        return this.emit(c === "W" ? `[^${WORD}]` : `[^${SPACE}]`);
      case "b":
        return this.emit(inClass ? "\\x08" : WORD_BOUNDARY);
      case "B":
        if (inClass) this.fail("unrecognized escape sequence \\B in [...]", at);
        return this.emit(NOT_WORD_BOUNDARY);
      case "A":
      case "z":
      case "Z":
      case "G":
        if (inClass) this.fail(`unrecognized escape sequence \\${c} in [...]`, at);
        if (c === "G") this.fail("\\G is not supported", at);
        return this.emit(c === "A" ? "^" : c === "z" ? "$" : "(?=\\n?$)");
      case "t":
      case "n":
      case "r":
      case "f":
      case "v":
        return this.emit(`\\${c}`);
      case "a":
        return this.emit("\\x07");
      case "e":
        return this.emit("\\x1B");
      case "x":
      case "u": {
        const digits = c === "x" ? 2 : 4;
        const hex = p.slice(at + 2, at + 2 + digits);
        if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) this.fail(`insufficient hex digits after \\${c}`, at);
        this.i += digits;
        return this.emit(`\\${c}${hex}`);
      }
      case "c": {
        const letter = p[at + 2];
        if (letter === undefined || !/^[A-Za-z]$/.test(letter)) this.fail("\\c must be followed by a letter", at);
        this.i++;
        return this.emit(`\\c${letter}`);
      }
      case "p":
      case "P": {
        const m = /^\{([^}]*)\}/.exec(p.slice(at + 2));
        if (!m) this.fail(`malformed \\${c}{...} escape`, at);
        const name = m[1]!;
        if (!GENERAL_CATEGORIES.has(name)) this.fail(`the Unicode category "${name}" is not supported (only general categories such as L, Lu, Nd)`, at);
        this.i += m[0].length;
        return this.emit(`\\${c}{${name}}`);
      }
      case "k": {
        if (inClass) this.fail("a backreference cannot appear in [...]", at);
        const m = /^(?:<([^>]*)>|'([^']*)')/.exec(p.slice(at + 2));
        if (!m) this.fail("malformed \\k<...> backreference", at);
        const name = (m[1] ?? m[2])!;
        this.i += m[0].length;
        return this.emit({ ref: /^\d+$/.test(name) ? Number(name) : name, at });
      }
    }
    if ((c >= "0" && c <= "7" && inClass) || c === "0") {
      const m = /^[0-7]{1,3}/.exec(p.slice(at + 1))!;
      this.i = at + 1 + m[0].length;
      return this.emit(octal(m[0]));
    }
    if (c >= "1" && c <= "9" && !inClass) {
      const m = /^\d+/.exec(p.slice(at + 1))!;
      this.i = at + 1 + m[0].length;
      return this.emit({ ref: Number(m[0]), at, digits: m[0] });
    }
    if (/^[A-Za-z0-9_]$/.test(c)) this.fail(`unrecognized escape sequence \\${c}`, at);
    // An escaped punctuation or other character is that character, literally.
    this.emit(JS_SYNTAX.includes(c) || (inClass && c === "-") ? `\\${c}` : c);
  }
}

/** Translates without compiling (exported for tests). */
export function translateDotNetRegex(pattern: string): ReturnType<Translator["run"]> {
  return new Translator(pattern).run();
}

/** Translates and compiles a .NET pattern; throws RegexTranslationError. */
export function compileDotNetRegex(pattern: string): DotNetRegex {
  const t = translateDotNetRegex(pattern);
  let matcher: RegExp;
  let global: RegExp;
  try {
    matcher = new RegExp(t.source, t.flags);
    global = new RegExp(t.source, `${t.flags}g`);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    // "Invalid regular expression: /<source>/<flags>: Nothing to repeat": keep the reason only.
    throw new RegexTranslationError(text.slice(text.lastIndexOf(": ") + 2) || text, 0);
  }
  return { matcher, global, dotnetToJs: t.dotnetToJs, names: t.names, jsGroupCount: t.jsGroupCount };
}
