// A checker thread's entry: workers do not inherit the main thread's TypeScript loader, so this
// one registers tsx for itself, then loads the checker.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
