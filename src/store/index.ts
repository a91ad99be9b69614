export type * from "./types.ts";
export { openSqliteStore } from "./sqlite/store.ts";
