// Starts federa as its own process (`bin/federa.js start`) on a free port with a given data
// directory, for tests that kill it with SIGKILL and start it again on the same data.
import { spawn, type ChildProcess } from "node:child_process";

export function startFederaProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["bin/federa.js", "start", "--port", "0", "--data-dir", dataDir], { env: { ...process.env, FEDERA_LOG_LEVEL: "info" }, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      out += d;
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on("exit", (code) => reject(new Error(`federa exited early (${code})`)));
  });
}
