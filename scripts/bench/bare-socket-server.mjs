// The baseline for bench:live and bench:live-cluster: a bare socket.io server in its own process
// (like the product's), which broadcasts one payload when asked over HTTP. With REDIS_URL it joins the
// other bare servers through socket.io's Redis adapter (the product's adapter, app/realtime/cluster.server.ts),
// so a broadcast asked of one reaches the clients of all.
import http from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";

const port = Number(process.env.PORT);
const server = http.createServer((req, res) => {
  if (req.method === "POST" && req.url?.startsWith("/emit")) {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const payload = JSON.parse(body);
      payload.at = new Date().toISOString(); // the moment of the emit, like the product's commit time
      io.emit("ticket:event", payload);
      res.end("ok");
    });
    return;
  }
  res.end("ok");
});
const io = new Server(server, { serveClient: false });
if (process.env.REDIS_URL) {
  const pub = createClient({ url: process.env.REDIS_URL });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { key: "as-bench-bare" }));
}
server.listen(port, "127.0.0.1", () => console.log(`bare socket.io on ${port}`));
