// Reads an operation's Query parameters against the service model's constraints, collecting
// every violation and answering them together as AWS does:
//   ValidationError "2 validation errors detected: Value 'x' at 'roleName' failed to satisfy
//   constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+; Value …"
// Members are named as AWS names them: the parameter with its first letter lower-cased.
import { queryList, queryString, type QueryObject } from "../../protocol/index.ts";
import { IamError } from "../errors.ts";
import type { IamTag } from "../types.ts";
import { C, MAX_TAGS, type IntegerConstraint, type StringConstraint } from "./constraints.ts";

const compiled = new Map<string, RegExp>();
function matches(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`, "u");
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}

const memberName = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

export class Params {
  readonly #params: QueryObject;
  readonly #errors: string[] = [];

  constructor(params: QueryObject) {
    this.#params = params;
  }

  #fail(member: string, value: string | null, constraint: string): void {
    this.#errors.push(`Value ${value === null ? "null" : `'${value}'`} at '${member}' failed to satisfy constraint: Member must ${constraint}`);
  }

  #checkString(member: string, value: string, c: StringConstraint): void {
    if (c.pattern !== undefined && !matches(c.pattern, value)) this.#fail(member, value, `satisfy regular expression pattern: ${c.pattern}`);
    if (c.min !== undefined && value.length < c.min) this.#fail(member, value, `have length greater than or equal to ${c.min}`);
    if (c.max !== undefined && value.length > c.max) this.#fail(member, value, `have length less than or equal to ${c.max}`);
  }

  /** A required string parameter ("" when absent: the error is recorded). */
  required(name: string, c: StringConstraint): string {
    const value = queryString(this.#params, name);
    if (value === undefined) {
      this.#fail(memberName(name), null, "not be null");
      return "";
    }
    this.#checkString(memberName(name), value, c);
    return value;
  }

  optional(name: string, c: StringConstraint): string | undefined {
    const value = queryString(this.#params, name);
    if (value !== undefined) this.#checkString(memberName(name), value, c);
    return value;
  }

  integer(name: string, c: IntegerConstraint): number | undefined {
    const raw = queryString(this.#params, name);
    if (raw === undefined) return undefined;
    const member = memberName(name);
    if (!/^-?\d{1,10}$/.test(raw.trim())) {
      this.#fail(member, raw, "be an integer");
      return undefined;
    }
    const value = Number(raw);
    if (value < c.min) this.#fail(member, raw, `have value greater than or equal to ${c.min}`);
    if (value > c.max) this.#fail(member, raw, `have value less than or equal to ${c.max}`);
    return value;
  }

  /** Tags.member.N.Key / .Value; undefined when none are given. */
  tags(name = "Tags"): IamTag[] | undefined {
    const list = queryList(this.#params, name);
    const member = memberName(name);
    if (list === undefined) {
      this.#errors.push(`Value at '${member}' failed to satisfy constraint: Member must be a list of Tag`);
      return undefined;
    }
    if (list.length === 0) return undefined;
    if (list.length > MAX_TAGS) this.#errors.push(`Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TAGS}`);
    const tags: IamTag[] = [];
    list.forEach((entry, i) => {
      const fields = typeof entry === "object" && !Array.isArray(entry) ? entry : ({} as QueryObject);
      const at = `${member}.${i + 1}.member`;
      const key = queryString(fields, "Key");
      const value = queryString(fields, "Value");
      if (key === undefined) this.#fail(`${at}.key`, null, "not be null");
      else this.#checkString(`${at}.key`, key, C.tagKey);
      if (value === undefined) this.#fail(`${at}.value`, null, "not be null");
      else this.#checkString(`${at}.value`, value, C.tagValue);
      tags.push({ key: key ?? "", value: value ?? "" });
    });
    return tags;
  }

  /** Throws the collected violations as one ValidationError. */
  check(): void {
    const n = this.#errors.length;
    if (n === 0) return;
    throw new IamError("ValidationError", `${n} validation error${n === 1 ? "" : "s"} detected: ${this.#errors.join("; ")}`);
  }
}

/** IAM's own check after the model's: tag keys are unique without regard to case. */
export function checkTagKeys(tags: readonly IamTag[] | undefined): void {
  if (!tags) return;
  const seen = new Set<string>();
  for (const { key } of tags) {
    const lower = key.toLowerCase();
    if (seen.has(lower)) throw new IamError("InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    seen.add(lower);
  }
}
