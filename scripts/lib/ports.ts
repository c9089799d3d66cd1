// Loopback port helpers shared by `npm start` and the tests that start their own stacks.
import { createServer } from "node:net";

export const LOOPBACK = "127.0.0.1";

/** Whether `port` on `host` can be listened on right now. */
export function portFree(port: number, host = LOOPBACK) {
  return new Promise<boolean>((resolve) => {
    const server = createServer()
      .once("error", () => resolve(false))
      .once("listening", () => server.close(() => resolve(true)))
      .listen(port, host);
  });
}

/** A port the OS considers free on `host` (it may be taken again before use; callers listen soon after). */
export function freePort(host = LOOPBACK) {
  return new Promise<number>((resolve, reject) => {
    const server = createServer()
      .once("error", reject)
      .listen(0, host, () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
  });
}
