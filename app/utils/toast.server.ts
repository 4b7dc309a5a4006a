// Flash messages: a successful post redirects (post → redirect → get) and the
// message travels in a short-lived signed cookie that the next page load reads
// once and clears. The root loader hands it to the one toaster
// (app/components/toaster.tsx); nothing goes into the URL, so a live-update
// refresh or a reload neither repeats nor loses it.
import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";
import { isProduction, sessionSecret } from "./env.server";

export type Toast = { id: string; type: "success" | "info"; message: string };

const ToastSchema = z.object({
  id: z.string().max(64),
  type: z.enum(["success", "info"]),
  message: z.string().max(500),
});

const COOKIE_NAME = isProduction && process.env.INSECURE_COOKIES !== "1" ? "__Host-as_toast" : "as_toast";

let cookie: ReturnType<typeof createCookie> | undefined;
function toastCookie() {
  cookie ??= createCookie(COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: COOKIE_NAME.startsWith("__Host-"),
    secrets: [sessionSecret()],
    maxAge: 60, // read by the very next page load; a minute is plenty
  });
  return cookie;
}

/** The Set-Cookie header that carries `message` to the next page load. */
export async function toastHeader(message: string, type: Toast["type"] = "success"): Promise<string> {
  const toast: Toast = { id: crypto.randomUUID(), type, message };
  return toastCookie().serialize(toast);
}

/** Redirect to `to` and show `message` there once. */
export async function redirectWithToast(to: string, message: string, init: { type?: Toast["type"]; headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastHeader(message, init.type));
  return redirect(to, { headers });
}

/** The flash message of this request, if any, and the header that clears it. */
export async function readToast(request: Request): Promise<{ toast: Toast | null; headers: Headers | null }> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("as_toast=")) return { toast: null, headers: null };
  const raw: unknown = await toastCookie().parse(header);
  const parsed = ToastSchema.safeParse(raw);
  const headers = new Headers({ "Set-Cookie": await toastCookie().serialize("", { maxAge: 0 }) });
  return { toast: parsed.success ? parsed.data : null, headers };
}
