// The HTTP guards of server.ts against a real Express server on a free port, driven by node:http
// (issue 13, items 6 and 8): which writes pass the origin check, and how admission control queues,
// refuses (503 + Retry-After) and keeps transfers (downloads, exports, uploads) out of the page lane.
// Ordering is made observable by the server itself (a tap before the guards and handlers that hold
// until released), so no assertion depends on timing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express } from "express";
import { afterEach, describe, expect, it } from "vitest";
import { admissionControl, admissionLimitsFromEnv, sameOriginWrites } from "~/utils/http-guards.server";

type Reply = { status: number; headers: http.IncomingHttpHeaders; text: string };

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function listen(app: Express): Promise<string> {
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A request with exactly these headers (node:http adds only Host and Connection); `abort` drops it unanswered. */
function send(host: string, method: string, path: string, headers: Record<string, string> = {}, body = "") {
  const agent = new http.Agent({ keepAlive: false });
  let request!: http.ClientRequest;
  const reply = new Promise<Reply>((resolve, reject) => {
    request = http.request(
      {
        host: host.split(":")[0],
        port: Number(host.split(":")[1]),
        method,
        path,
        agent,
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (c: string) => (text += c));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
  return { reply, abort: () => request.destroy() };
}

describe("sameOriginWrites", () => {
  async function origins() {
    const app = express();
    app.use(sameOriginWrites);
    app.all("*", (_req, res) => void res.send("ok"));
    return listen(app);
  }
  const KOREAN_403 = /[가-힣]/;

  it("refuses a write that names neither Origin nor Referer, for every state-changing method", async () => {
    const host = await origins();
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const { status, text } = await send(host, method, "/login").reply;
      expect(status, method).toBe(403);
      expect(text).toMatch(KOREAN_403);
    }
  });

  it("believes Sec-Fetch-Site over a spoofable Origin: only same-origin passes", async () => {
    const host = await origins();
    const own = `http://${host}`;
    for (const site of ["cross-site", "same-site", "none", "bogus"]) {
      const { status, text } = await send(host, "POST", "/login", { Origin: own, Referer: `${own}/login`, "Sec-Fetch-Site": site }).reply;
      expect(status, site).toBe(403);
      expect(text).toMatch(KOREAN_403);
    }
    expect((await send(host, "POST", "/login", { Origin: own, "Sec-Fetch-Site": "same-origin" }).reply).status).toBe(200);
  });

  it("a browser's own same-origin claim still needs an Origin (else Referer) naming this host", async () => {
    const host = await origins();
    expect((await send(host, "POST", "/x", { "Sec-Fetch-Site": "same-origin" }).reply).status).toBe(403);
    expect((await send(host, "POST", "/x", { "Sec-Fetch-Site": "same-origin", Origin: "https://evil.example" }).reply).status).toBe(403);
  });

  it("without Sec-Fetch-Site: Origin, else Referer, must name this host", async () => {
    const host = await origins();
    const own = `http://${host}`;
    expect((await send(host, "POST", "/x", { Origin: own }).reply).status).toBe(200);
    expect((await send(host, "POST", "/x", { Referer: `${own}/tickets/1` }).reply).status).toBe(200);
    const foreign: Record<string, string>[] = [
      { Origin: "null" },
      { Origin: "https://evil.example" },
      { Origin: `http://${host}.evil.example` },
      { Origin: "not a url" },
      { Referer: "https://evil.example/page" },
      { Origin: "https://evil.example", Referer: `${own}/x` }, // Origin wins when both are there
    ];
    for (const headers of foreign) {
      const { status, text } = await send(host, "POST", "/x", headers).reply;
      expect(status, JSON.stringify(headers)).toBe(403);
      expect(text).toMatch(KOREAN_403);
    }
  });

  it("lets reads through without any of them", async () => {
    const host = await origins();
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect((await send(host, method, "/x").reply).status, method).toBe(200);
  });
});

describe("admissionControl", () => {
  /**
   * A server whose /hold/<id> and /files/<id> handlers wait until `release(id)`, with a tap in front of
   * admission control that tells when a request has reached the server (`arrived(id)`) and when its
   * client went away (`closed(id)`), and handlers that tell when they started (`started(id)`).
   */
  async function lanes(limits: Parameters<typeof admissionControl>[0]) {
    const signals = new Map<string, { promise: Promise<void>; resolve: () => void }>();
    const signal = (key: string) => {
      let entry = signals.get(key);
      if (!entry) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        entry = { promise, resolve };
        signals.set(key, entry);
      }
      return entry;
    };
    const idOf = (url: string) => new URL(url, "http://x").searchParams.get("id") ?? url;
    const started: string[] = [];
    const app = express();
    app.use((req, res, next) => {
      const id = idOf(req.url);
      signal(`arrived:${id}`).resolve();
      res.once("close", () => signal(`closed:${id}`).resolve());
      next();
    });
    app.use(admissionControl(limits));
    const hold: express.RequestHandler = (req, res) => {
      const id = idOf(req.url);
      started.push(id);
      signal(`started:${id}`).resolve();
      void signal(`release:${id}`).promise.then(() => res.send(`done ${id}`));
    };
    app.get("/hold", hold);
    app.get(["/files/:name", "/exports/:name"], hold);
    app.post("/upload", hold);
    app.get("/page", (_req, res) => void res.send("page"));
    const host = await listen(app);
    return {
      host,
      started,
      get: (path: string) => send(host, "GET", path),
      arrived: (id: string) => signal(`arrived:${id}`).promise,
      startedSignal: (id: string) => signal(`started:${id}`).promise,
      closed: (id: string) => signal(`closed:${id}`).promise,
      release: (id: string) => signal(`release:${id}`).resolve(),
    };
  }
  const small = { pages: { maxInFlight: 1, maxQueue: 1 }, transfers: { maxInFlight: 1, maxQueue: 7 }, retryAfterSeconds: 3 };

  /** With `small` limits: "a" inside the page lane, "b" waiting behind it; the queue is full. */
  async function fillPageLane(s: Awaited<ReturnType<typeof lanes>>) {
    const a = s.get("/hold?id=a");
    await s.startedSignal("a");
    const b = s.get("/hold?id=b");
    await s.arrived("b");
    return { a, b };
  }

  it("beyond the bounded queue answers 503 with Retry-After and a short Korean page; the admitted are served", async () => {
    const s = await lanes(small);
    const { a, b } = await fillPageLane(s);
    const c = await s.get("/hold?id=c").reply;
    expect(c.status).toBe(503);
    expect(c.headers["retry-after"]).toBe("3");
    expect(c.headers["content-type"]).toMatch(/^text\/html; charset=utf-8/);
    expect(c.text).toContain("잠시 후 다시 시도해 주세요");
    expect(c.text.length).toBeLessThan(600);
    s.release("a");
    s.release("b");
    expect((await a.reply).status).toBe(200);
    expect((await b.reply).text).toBe("done b");
    expect(s.started).toEqual(["a", "b"]);
  });

  it("serves the waiting in arrival order", async () => {
    const s = await lanes({ ...small, pages: { maxInFlight: 1, maxQueue: 8 } });
    const first = s.get("/hold?id=first");
    await s.startedSignal("first");
    const waiting = [];
    for (const id of ["w1", "w2", "w3", "w4"]) {
      waiting.push(s.get(`/hold?id=${id}`));
      await s.arrived(id);
    }
    for (const id of ["first", "w1", "w2", "w3", "w4"]) s.release(id);
    await Promise.all([first, ...waiting].map((r) => r.reply));
    expect(s.started).toEqual(["first", "w1", "w2", "w3", "w4"]);
  });

  it("a waiting client that goes away gives its queue place back at once", async () => {
    const s = await lanes(small);
    const a = s.get("/hold?id=a");
    await s.startedSignal("a");
    const gone = s.get("/hold?id=gone");
    gone.reply.catch(() => {});
    await s.arrived("gone");
    gone.abort();
    await s.closed("gone");
    const next = s.get("/hold?id=next");
    await s.arrived("next");
    s.release("a");
    s.release("next");
    expect((await next.reply).status).toBe(200); // queued in the freed place, not refused
    expect((await a.reply).status).toBe(200);
    expect(s.started).toEqual(["a", "next"]);
  });

  it("eight slow downloads and exports do not take the page's place: a page still answers", async () => {
    const s = await lanes(small);
    const transfers = [];
    for (let i = 0; i < 8; i++) {
      transfers.push(s.get(`/${i % 2 ? "exports" : "files"}/x?id=t${i}`));
      await s.arrived(`t${i}`);
    }
    await s.startedSignal("t0");
    const page = await s.get("/page").reply;
    expect(page.status).toBe(200);
    expect(page.text).toBe("page");
    expect(s.started).toEqual(["t0"]); // the others wait in their own lane
    const ninth = await s.get("/files/x?id=t8").reply;
    expect(ninth.status).toBe(503); // and that lane is bounded too
    for (let i = 0; i < 8; i++) s.release(`t${i}`);
    expect((await Promise.all(transfers.map((t) => t.reply))).map((r) => r.status)).toEqual(Array(8).fill(200));
  });

  it("a slow upload (multipart body) waits in the transfer lane, not in the page lane", async () => {
    const s = await lanes(small);
    const upload = send(s.host, "POST", "/upload?id=up", { "Content-Type": "multipart/form-data; boundary=x" }, "--x--");
    await s.startedSignal("up");
    const page = await s.get("/page").reply;
    expect(page.status).toBe(200);
    s.release("up");
    expect((await upload.reply).status).toBe(200);
  });

  it("static assets and the health check never wait", async () => {
    const s = await lanes(small);
    const { a, b } = await fillPageLane(s);
    // not routed here: 404 from Express, but answered, neither queued nor refused
    expect((await s.get("/assets/app.js").reply).status).toBe(404);
    expect((await s.get("/healthz").reply).status).toBe(404);
    s.release("a");
    s.release("b");
    await Promise.all([a.reply, b.reply]);
  });
});

describe("admissionLimitsFromEnv", () => {
  it("takes whole numbers from the environment and defaults for the rest", () => {
    const limits = admissionLimitsFromEnv({ MAX_IN_FLIGHT: "3", TRANSFER_MAX_QUEUE: "0" });
    expect(limits.pages).toEqual({ maxInFlight: 3, maxQueue: 256 });
    expect(limits.transfers).toEqual({ maxInFlight: 4, maxQueue: 0 });
    expect(limits.retryAfterSeconds).toBe(5);
  });

  it("refuses to start with a value that would leave a lane unbounded or closed", () => {
    for (const env of [{ MAX_QUEUE: "lots" }, { MAX_IN_FLIGHT: "0" }, { TRANSFER_MAX_IN_FLIGHT: "2.5" }, { RETRY_AFTER_SECONDS: "-1" }])
      expect(() => admissionLimitsFromEnv(env), JSON.stringify(env)).toThrow(/whole number/);
  });
});
