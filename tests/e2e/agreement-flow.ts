// The 협약 steps as people take them in the browser (ADR 031), for the specs that need a concluded agreement:
// the TP prepares the draft, each company's person reads the text and consents in its own browser, the TP concludes.
import { expect, type Browser, type Page } from "@playwright/test";
import { db, ticket } from "./fixtures";
import { flash, personPage } from "./stale-forms";

export const agreementUrl = (number: string) => `/tickets/${ticket(number).id}/agreement`;

/** The TP saves the draft with `startOn` (and the reason for a start before today). */
export async function prepareAgreementAs(tp: Page, number: string, startOn: string, reason?: string) {
  await tp.goto(agreementUrl(number));
  await tp.getByLabel("사업 시작일").fill(startOn);
  if (reason !== undefined) await tp.getByLabel(/시작일을 앞당기는 사유/).fill(reason);
  await tp.getByRole("button", { name: /협약안 (다시 )?작성/ }).click();
}

/** A company's person opens the agreement page, reads the text, ticks the box and consents; their page stays open. */
export async function consentAs(browser: Browser, baseURL: string | undefined, email: string, number: string): Promise<Page> {
  const page = await personPage(browser, baseURL, email);
  await page.goto(agreementUrl(number));
  await expect(page.getByTestId("agreement-text")).toContainText("선금으로 완납");
  await page.getByLabel(/위 협약서 전문을 읽었으며/).check();
  await page.getByRole("button", { name: "협약안에 동의" }).click();
  await expect(flash(page)).toHaveText("협약안에 동의했습니다.");
  await expect(page.getByTestId("my-consent")).toBeVisible();
  return page;
}

/** The email of the first person of the ticket's manufacturer and of its supplier. */
function companyPeople(number: string): string[] {
  const t = db().prepare(`SELECT manufacturerId, supplierId FROM Ticket WHERE number = ?`).get(number) as Record<string, string>;
  const email = (org: string) =>
    (db().prepare(`SELECT email FROM User WHERE organizationId = ? ORDER BY email LIMIT 1`).get(org) as { email: string }).email;
  return [email(t.manufacturerId), email(t.supplierId)];
}

/** The whole 협약 of a ticket whose cost review is confirmed: draft, both consents, conclusion (the TP's page shows it). */
export async function concludeAgreement(browser: Browser, baseURL: string | undefined, tp: Page, number: string, startOn: string) {
  await prepareAgreementAs(tp, number, startOn);
  await expect(flash(tp)).toHaveText("협약안을 저장했습니다.");
  for (const email of companyPeople(number)) await (await consentAs(browser, baseURL, email, number)).context().close();
  await tp.goto(agreementUrl(number));
  await tp.getByRole("button", { name: "협약 체결" }).click();
  await expect(flash(tp)).toHaveText("협약을 체결했습니다.");
}
