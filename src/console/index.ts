export { createConsoleRouter } from "./app.ts";
export type { ConsoleContext, ConsoleTrail } from "./context.ts";
