// Server entry: streams the page (bots get the whole document at once) and
// decides what reaches the logs. Users never see a stack trace (root
// ErrorBoundary); the server log gets the details.
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { withoutFizzNulBytes } from "~/utils/fizz-nul-bytes.server";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/utils/nonce";
import { log, requestOrigin, securityEvent } from "~/utils/log.server";
import { getActor } from "~/auth/session.server";

const ABORT_DELAY = 5_000;

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return; // the browser went away: nothing to report
  if (isRouteErrorResponse(error) && (error.status === 404 || error.status === 403)) {
    // Not found or not allowed: both are what a foreign id gets, so log who asked.
    void getActor(request)
      .then((actor) =>
        securityEvent("authz.refused", {
          status: error.status,
          method: request.method,
          path: new URL(request.url).pathname,
          userId: actor?.userId ?? null,
          organizationId: actor?.organizationId ?? null,
          ...requestOrigin(request),
        }),
      )
      .catch(() => {});
    return;
  }
  // In full on the server; the user sees a generic page (root ErrorBoundary).
  log.error({ err: error, method: request.method, path: new URL(request.url).pathname }, "request failed");
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          // React 18.3 pads its buffer with NUL bytes where a Korean syllable meets its end (fizz-nul-bytes.server.ts)
          const body = withoutFizzNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log.error({ err: error }, "render failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
