#!/usr/bin/env node
// federa's command. Runs the TypeScript sources directly through tsx, so `npm start` needs no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/index.ts");
await main(process.argv);
