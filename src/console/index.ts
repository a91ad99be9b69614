export { createConsoleRouter } from "./app.ts";
export type { ConsoleContext } from "./context.ts";
