// .NET replacement strings for RegExReplace: `$1`, `${1}`, `${name}`, `$$`, `$&`, `$0`, `` $` ``,
// `$'`, `$+` (the last group) and `$_` (the whole input), with .NET's rules: group numbers are
// .NET's (see regex.ts), `$10` is group 10 or, when there is no group 10, the literal text "$10",
// and a `$` that starts nothing is literal. Compiled once into a JS replacement string when that
// says exactly the same thing (the fast native path), otherwise into a replacer function.
import type { DotNetRegex } from "./regex.ts";

type Part = { lit: string } | { group: number } | { special: "before" | "after" | "input" };

export type Replacement = string | ((...args: unknown[]) => string);

function parse(replacement: string, regex: DotNetRegex): Part[] {
  const parts: Part[] = [];
  let lit = "";
  const push = (part: Part) => {
    if (lit !== "") parts.push({ lit });
    lit = "";
    parts.push(part);
  };
  const groupOf = (dotnet: number): number | undefined => regex.dotnetToJs[dotnet];
  let i = 0;
  while (i < replacement.length) {
    const ch = replacement[i]!;
    const next = replacement[i + 1];
    if (ch !== "$" || next === undefined) {
      lit += ch;
      i++;
      continue;
    }
    if (next === "$") {
      lit += "$";
      i += 2;
      continue;
    }
    if (next === "&") {
      push({ group: 0 });
      i += 2;
      continue;
    }
    if (next === "`" || next === "'" || next === "_") {
      push({ special: next === "`" ? "before" : next === "'" ? "after" : "input" });
      i += 2;
      continue;
    }
    if (next === "+") {
      push({ group: regex.dotnetToJs[regex.dotnetToJs.length - 1]! });
      i += 2;
      continue;
    }
    if (next === "{") {
      const end = replacement.indexOf("}", i + 2);
      const name = end === -1 ? "" : replacement.slice(i + 2, end);
      const js = /^\d+$/.test(name) ? groupOf(Number(name)) : regex.names.get(name);
      if (js !== undefined) {
        push({ group: js });
        i = end + 1;
        continue;
      }
    } else if (next >= "0" && next <= "9") {
      const digits = /^\d+/.exec(replacement.slice(i + 1))![0];
      const js = groupOf(Number(digits));
      if (js !== undefined) {
        push({ group: js });
        i += 1 + digits.length;
        continue;
      }
    }
    lit += "$";
    i++;
  }
  if (lit !== "") parts.push({ lit });
  return parts;
}

export function compileDotNetReplacement(replacement: string, regex: DotNetRegex): Replacement {
  const parts = parse(replacement, regex);
  const native = parts.every((p) => !("special" in p && p.special === "input") && !("group" in p && p.group > 99));
  if (native) {
    return parts
      .map((p) => {
        if ("lit" in p) return p.lit.replaceAll("$", "$$$$");
        if ("group" in p) return p.group === 0 ? "$&" : `$${String(p.group).padStart(2, "0")}`;
        return p.special === "before" ? "$`" : "$'";
      })
      .join("");
  }
  const m = regex.jsGroupCount;
  return (...args: unknown[]): string => {
    const match = args[0] as string;
    const offset = args[m + 1] as number;
    const input = args[m + 2] as string;
    let out = "";
    for (const p of parts) {
      if ("lit" in p) out += p.lit;
      else if ("group" in p) out += (args[p.group] as string | undefined) ?? "";
      else if (p.special === "before") out += input.slice(0, offset);
      else if (p.special === "after") out += input.slice(offset + match.length);
      else out += input;
    }
    return out;
  };
}
