// A checker thread: runs checkAssertion for the main thread, one request at a time.
import { parentPort } from "node:worker_threads";
import { checkAssertion } from "../check-assertion.ts";
import { toWire, type CheckReply, type CheckRequest } from "./wire.ts";

const port = parentPort;
if (!port) throw new Error("checker/worker.ts runs as a worker thread");
port.on("message", ({ id, input, skewMs }: CheckRequest) => {
  let reply: CheckReply;
  try {
    reply = { id, checked: checkAssertion(input, skewMs) };
  } catch (error) {
    reply = { id, refused: toWire(error) };
  }
  port.postMessage(reply);
});
port.postMessage("ready");
