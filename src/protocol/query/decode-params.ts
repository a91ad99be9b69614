// Turns flat Query parameters into nested values: "PolicyArns.member.1.arn" → PolicyArns: [{arn}],
// "Names.member.2" → Names[1], "Attributes.entry.1.key"/".value" → Attributes: {key: value},
// "Tags.member.1.Key" → Tags: [{Key}]. An empty list arrives as "Name=" (the empty string);
// queryList() reads both. Objects have no prototype, so "__proto__" is just a name.

export type QueryValue = string | QueryValue[] | QueryObject;
export interface QueryObject {
  [name: string]: QueryValue;
}

interface Node {
  value: string | undefined;
  children: Map<string, Node> | undefined;
}

const INDEX = /^[1-9]\d{0,5}$/;

function child(node: Node, name: string): Node {
  node.children ??= new Map();
  let next = node.children.get(name);
  if (!next) {
    next = { value: undefined, children: undefined };
    node.children.set(name, next);
  }
  return next;
}

function indexedChildren(node: Node | undefined): Node[] | undefined {
  if (!node?.children || node.value !== undefined) return undefined;
  const indexed: Array<[number, Node]> = [];
  for (const [name, item] of node.children) {
    if (!INDEX.test(name)) return undefined;
    indexed.push([Number(name), item]);
  }
  return indexed.sort((a, b) => a[0] - b[0]).map(([, item]) => item);
}

function convert(node: Node): QueryValue {
  const children = node.children;
  if (!children) return node.value ?? "";
  if (children.size === 1) {
    const members = indexedChildren(children.get("member"));
    if (members) return members.map(convert);
    const entries = indexedChildren(children.get("entry"));
    if (entries && entries.every((entry) => entry.children?.has("key"))) {
      const map: QueryObject = Object.create(null) as QueryObject;
      for (const entry of entries) {
        const key = entry.children!.get("key")!;
        const value = entry.children!.get("value");
        map[key.value ?? ""] = value ? convert(value) : "";
      }
      return map;
    }
  }
  return convertObject(children);
}

function convertObject(children: Map<string, Node> | undefined): QueryObject {
  const object: QueryObject = Object.create(null) as QueryObject;
  if (children) for (const [name, item] of children) object[name] = convert(item);
  return object;
}

/** Nests flat parameters; Action and Version stay out (the request carries them apart). */
export function decodeQueryParams(flat: ReadonlyMap<string, string>): QueryObject {
  const root: Node = { value: undefined, children: undefined };
  for (const [name, value] of flat) {
    if (name === "Action" || name === "Version") continue;
    let node = root;
    for (const segment of name.split(".")) node = child(node, segment);
    node.value = value;
  }
  return convertObject(root.children);
}

/** A string parameter, or undefined when absent or not a plain string. */
export function queryString(params: QueryObject, name: string): string | undefined {
  const value = params[name];
  return typeof value === "string" ? value : undefined;
}

/** A list parameter: [] for the empty list ("Name=") or when absent; undefined when not a list. */
export function queryList(params: QueryObject, name: string): QueryValue[] | undefined {
  const value = params[name];
  if (value === undefined || value === "") return [];
  return Array.isArray(value) ? value : undefined;
}
