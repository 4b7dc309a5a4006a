import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo1234!";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(password);
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** The ticket numbers shown in the list (all pages fit in one at demo size). */
export async function listedTicketNumbers(page: Page): Promise<string[]> {
  await page.goto("/tickets");
  // the list's rows (a manufacturer's home also shows its to-do above it)
  const rows = page.getByTestId("ticket-list").locator("[data-ticket-number]");
  const numbers = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-ticket-number") ?? ""));
  return numbers.sort();
}
