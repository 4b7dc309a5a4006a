// Shared steps of the "no silent overwrite" specs (stale-*.spec.ts): a person opens a data-entry
// form, someone else changes the ticket meanwhile (a real action in another browser context, which
// reaches the first page as a live update and refreshes its data), then the first person saves.
// The save must be refused with the conflict message, keep what was typed, and leave the other
// change intact.
import { expect, type Browser, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/** A signed-in page in its own browser context (its own cookies and socket). */
export async function personPage(browser: Browser, baseURL: string | undefined, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** Waits until `page` is connected for live updates. */
export async function liveConnected(page: Page) {
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
}

/**
 * Runs `change` (an action by someone else) and waits until `page` has received it as a live event
 * and refreshed its data (the refresh is what used to move the forms' hidden version).
 */
export async function changedMeanwhile(page: Page, change: () => Promise<void>) {
  await liveConnected(page);
  const received = page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        window.addEventListener("as:live-event", () => resolve(), { once: true });
      }),
  );
  await change();
  await received;
  // the coalesced revalidation (50 ms) and its fetch
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300);
}

/** The conflict message (existing wording) is shown, nothing else was saved. */
export async function expectConflict(page: Page) {
  const alert = page.locator(".form-error[role=alert][data-conflict=true]");
  await expect(alert).toContainText("다른 사용자가 먼저 변경했습니다");
  await expect(alert).toBeFocused();
}

/** The success toast (flash message) of the last step. */
export function flash(page: Page) {
  return page.getByTestId("flash");
}
