// A gateway in front of the content node for tests: each request is forwarded as it is, and `answer` decides what the
// client gets back from the node's answer (pass it on, change it, cut it, stall).
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export async function startProxy(
  target: string,
  answer: (upstream: IncomingMessage, outgoing: ServerResponse, url: string) => void,
): Promise<{ url: string; server: Server }> {
  const { hostname, port } = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const forward = request(
      { host: hostname, port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (upstream) => answer(upstream, outgoing, incoming.url ?? "/"),
    );
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}
