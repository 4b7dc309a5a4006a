// How answers travel, wired by server.ts: compressed when the client asks for it, and Vite's
// hashed assets cached by browsers for good (issue 13, item 17; ADR 015).
import compression from "compression";
import express, { type Request, type RequestHandler, type Response } from "express";

/**
 * gzip, or brotli when the client accepts it (compression's default quality 4: about gzip's speed,
 * smaller output), for every compressible type above 1 KB: HTML, Remix's `.data` answers
 * (text/x-script), JSON, CSS, JS, CSV exports. Images, PDF, XLSX and other packed formats are left
 * alone by compression's type list. Stored files (/files/…) always go out exactly as stored: their
 * formats are packed already and their Content-Length and Digest describe the stored bytes.
 *
 * Streams stay streams: Remix calls `res.flush()` (which compression provides) after each chunk it
 * writes, so an export goes out batch by batch and a page's HTML as React renders it, never held
 * back until the end. socket.io's long-polling never reaches Express (engine.io answers it first).
 */
export function compressResponses(): RequestHandler {
  return compression({ filter: (req: Request, res: Response) => !req.path.startsWith("/files/") && compression.filter(req, res) });
}

/**
 * Vite's hashed files (build/client/assets): a changed file gets a new name, so a browser may keep
 * each one for a year without asking again (`immutable`). A name that is not there is a short 404
 * that is not cached, never the app's 404 page: that page would run the whole app outside
 * admission control, which lets /assets/ through unqueued.
 */
export function hashedAssets(dir: string): express.Router {
  const router = express.Router();
  router.use(express.static(dir, { immutable: true, maxAge: "1y", index: false }));
  router.use((_req: Request, res: Response) => {
    res.status(404).set("Cache-Control", "no-store").type("text/plain; charset=utf-8").send("파일을 찾을 수 없습니다.");
  });
  return router;
}
