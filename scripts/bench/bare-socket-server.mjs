// The baseline for bench:live: a bare socket.io server in its own process
// (like the product's), which broadcasts one payload when asked over HTTP.
import http from "node:http";
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
server.listen(port, "127.0.0.1", () => console.log(`bare socket.io on ${port}`));
