// Accessibility: axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA, and axe's best practices) on every
// page type, as the role that uses it, with the ticket in a state where its form is shown; the
// ticket pages with tables also at a phone's width. axe is injected by hand from node_modules
// (@axe-core/playwright does not run on Node 20); bypassCSP lets the injected script run under the
// app's nonce-based Content-Security-Policy. Each page is a soft assertion, so one run lists every
// page's violations (rule id, impact, CSS targets).
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { addCompletionReport, db, requestExtension, setState, ticket } from "./fixtures";
import { AS } from "./demo-numbers";

test.use({ bypassCSP: true });

const AXE = path.resolve("node_modules/axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 720 };

type Violation = { id: string; impact: string | null; help: string; targets: string[] };

async function violations(page: Page): Promise<Violation[]> {
  // hydrated, fonts and styles applied: what a person sees (a page that keeps polling is
  // checked after 5 s)
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  await page.evaluate(() => document.fonts.ready);
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    // axe is the global that axe.min.js defines
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(" ")),
    }));
  }, TAGS);
}

const describe = (found: Violation[]) =>
  found.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.targets.map((t) => `    - ${t}`).join("\n")}`).join("\n");

/** Runs axe on the open page (and at a phone's width too with `phone`) as a soft assertion. */
async function check(page: Page, name: string, opts: { phone?: boolean } = {}) {
  const sizes = opts.phone ? [DESKTOP, PHONE] : [DESKTOP];
  for (const size of sizes) {
    await page.setViewportSize(size);
    const label = size === PHONE ? `${name} (phone)` : name;
    const found = await violations(page);
    const summary = found.map((v) => `${v.id}: ${v.targets.join(", ")}`);
    expect.soft(summary, `axe violations on ${label} (${page.url()}):\n${describe(found)}`).toEqual([]);
  }
  await page.setViewportSize(DESKTOP);
}

/** Opens `url`, expecting the page itself (not an error page); an error page is checked too. */
async function open(page: Page, url: string) {
  const response = await page.goto(url);
  expect.soft(response?.status(), `${url} answers`).toBe(200);
  await expect.soft(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
}

const id = (number: string) => ticket(number).id;
const step = (number: string, name: string) => `/tickets/${id(number)}/${name}`;

// Seed tickets (prisma/demo-data.ts): 0001 과제수행 (maker1 × vendor1), 0002 지원결정 (maker1 × vendor2),
// 0003 작성중 (maker2), 0005 현장평가 (maker3 × vendor1), 0006 원가적정성 검토 (maker3 × vendor2),
// 0008 협약체결 (maker2 × vendor2), 0010 수행계획서 제출 (maker2 × vendor1), 0011 요건검토 (maker1 × vendor2).

test.beforeEach(() => test.setTimeout(180_000));

test("login and 404, signed out", async ({ page }) => {
  await page.goto("/login");
  await check(page, "login", { phone: true });
  // the error messages and invalid fields
  await page.getByLabel("이메일").fill("nobody@demo.kr");
  await page.getByLabel("비밀번호").fill("wrong-password");
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await check(page, "login (wrong password)");
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await check(page, "404 (signed out)");
});

test("manufacturer pages (maker1, maker2)", async ({ page }) => {
  await signIn(page, "maker1@demo.kr");
  await open(page, "/tickets");
  await check(page, "ticket list (manufacturer)", { phone: true });
  await open(page, "/tickets/new");
  await check(page, "new ticket");
  // the same form with the browser's checks off, sent empty: the server's field errors
  await page.locator("form").evaluateAll((forms) => forms.forEach((f) => f.setAttribute("novalidate", "")));
  await page.locator("main form button[type=submit]").last().click();
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  await check(page, "new ticket (field errors)");
  await open(page, `/tickets/${id(`${AS}0001`)}`);
  await check(page, "ticket overview (in_progress, manufacturer)", { phone: true });
  await open(page, step(`${AS}0001`, "extension"));
  await check(page, "extension (manufacturer, in_progress)");
  await open(page, step(`${AS}0001`, "changes"));
  await check(page, "changes (manufacturer, in_progress: the change request form)", { phone: true });
  await open(page, step(`${AS}0001`, "work-logs"));
  await check(page, "work-logs (manufacturer)", { phone: true });
  await open(page, "/profile");
  await check(page, "profile");
  await open(page, "/notifications");
  await check(page, "notifications");
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await check(page, "404 (signed in)");
  await page.goto(`/tickets/no-such-ticket`);
  await check(page, "ticket 404 (signed in)");

  await page.context().clearCookies();
  await signIn(page, "maker2@demo.kr");
  await open(page, `/tickets/${id(`${AS}0003`)}`);
  await check(page, "ticket overview (draft, manufacturer)");
  await open(page, step(`${AS}0003`, "edit"));
  await check(page, "edit (draft)");
  await open(page, step(`${AS}0003`, "documents"));
  await check(page, "documents (draft)", { phone: true });
  // the upload list with files chosen (ADR 037): a kind select per file, the date only for a certificate
  await page.getByLabel("올릴 파일 선택 (여러 개)").setInputFiles([
    { name: "사업자등록증.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n") },
    { name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n") },
  ]);
  await check(page, "documents (draft, files chosen)", { phone: true });
  await open(page, step(`${AS}0008`, "payment"));
  await check(page, "payment (manufacturer, agreed: the share deposit form)", { phone: true });
});

test("supplier pages (vendor1, vendor2)", async ({ page }) => {
  await signIn(page, "vendor2@demo.kr");
  await open(page, "/inbox");
  await check(page, "inbox (supplier)");
  await open(page, "/tickets");
  await check(page, "ticket list (supplier)", { phone: true });
  await open(page, step(`${AS}0002`, "quote"));
  await check(page, "quote (selected)", { phone: true });
  await open(page, step(`${AS}0002`, "plan"));
  await check(page, "plan (selected)", { phone: true });

  await page.context().clearCookies();
  await signIn(page, "vendor1@demo.kr");
  await open(page, step(`${AS}0001`, "work-logs"));
  await check(page, "work-logs (supplier, in_progress)", { phone: true });
  await open(page, step(`${AS}0001`, "completion"));
  await check(page, "completion (supplier, in_progress)");
  await open(page, step(`${AS}0001`, "settlement"));
  await check(page, "settlement (supplier, in_progress: the part purchase form)", { phone: true });
});

test("monitor pages", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  await open(page, "/dashboard");
  await check(page, "dashboard", { phone: true });
  await open(page, "/inbox");
  await check(page, "inbox (monitor)");
  await open(page, "/tickets");
  await check(page, "ticket list (monitor)", { phone: true });
  await open(page, "/programs");
  await check(page, "programs");
  const program = db().prepare(`SELECT id FROM Program LIMIT 1`).get() as { id: string };
  await open(page, `/programs/${program.id}`);
  await check(page, "program settings");

  await open(page, step(`${AS}0011`, "review"));
  await check(page, "review (requirement_review)", { phone: true });
  await open(page, step(`${AS}0005`, "evaluation"));
  await check(page, "evaluation (site_evaluation)", { phone: true });
  await open(page, step(`${AS}0005`, "decision"));
  await check(page, "decision (site_evaluation)");
  await open(page, step(`${AS}0010`, "plan-review"));
  await check(page, "plan-review (plan_submitted)", { phone: true });
  await open(page, step(`${AS}0006`, "cost-review"));
  await check(page, "cost-review (cost_review)", { phone: true });
  await open(page, step(`${AS}0006`, "agreement"));
  await check(page, "agreement (cost_review)");
  // the concluded agreement: who consented when, the full text (ADR 031)
  await open(page, step(`${AS}0008`, "agreement"));
  await check(page, "agreement (agreed)", { phone: true });
  await open(page, step(`${AS}0008`, "payment"));
  await check(page, "payment (agreed)", { phone: true });
  // 정산 of the completed demo ticket: its confirmed figures, evidence and part purchases (ADR 032)
  await open(page, step(`${AS}0007`, "settlement"));
  await check(page, "settlement (completed)", { phone: true });
  await open(page, step(`${AS}0002`, "cancel"));
  await check(page, "cancel (selected)");
});

test("monitor pages that need a request or a report first", async ({ page }) => {
  requestExtension(`${AS}0001`, 2);
  await signIn(page, "monitor@demo.kr");
  await open(page, step(`${AS}0001`, "extension-decision"));
  await check(page, "extension-decision (pending request)");

  addCompletionReport(`${AS}0001`);
  setState(`${AS}0001`, "completion_check");
  await open(page, step(`${AS}0001`, "completion-check"));
  await check(page, "completion-check (completion_check)", { phone: true });
});

test("joining and account pages (issue 14)", async ({ page }) => {
  // signed out: sign-up (empty, then with the server's field errors), reset request, refused links
  await open(page, "/signup");
  await check(page, "sign-up", { phone: true });
  await page.locator("form").evaluateAll((forms) => forms.forEach((f) => f.setAttribute("novalidate", "")));
  await page.locator("main form button[type=submit]").last().click();
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  await check(page, "sign-up (field errors)");
  await open(page, "/forgot-password");
  await check(page, "password reset request");
  for (const link of ["/reset-password/not-a-real-token", "/confirm-email/not-a-real-token", "/invitations/not-a-real-token"]) {
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await check(page, `refused link ${link}`);
  }
  // a supplier awaiting the Technopark's approval sees its one page
  await signIn(page, "vendor3@demo.kr");
  await expect(page).toHaveURL(/\/pending/);
  await page.goto("/pending");
  await check(page, "승인 대기 (vendor3)");
  await page.context().clearCookies();
  // an organisation's admin and a Technopark admin
  await signIn(page, "maker1@demo.kr");
  for (const url of ["/organization", "/profile/password", "/profile/notifications"]) {
    await open(page, url);
    await check(page, `${url} (maker1)`);
  }
  await page.context().clearCookies();
  await signIn(page, "monitor@demo.kr");
  for (const url of ["/admin/organizations", "/admin/mail"]) {
    await open(page, url);
    await check(page, `${url} (monitor)`);
  }
});

test("the evaluator's and the agency's pages, and the TP's 외부전문가 pages (ADR 029)", async ({ page }) => {
  await signIn(page, "monitor@demo.kr");
  await open(page, "/admin/experts");
  await check(page, "외부전문가·원가계산기관 (monitor)", { phone: true });
  await open(page, step(`${AS}0005`, "experts"));
  await check(page, "experts (site_evaluation)", { phone: true });
  await page.context().clearCookies();

  await signIn(page, "evaluator@demo.kr");
  await open(page, step(`${AS}0005`, "conflict"));
  await check(page, "이해충돌 확인 (evaluator)", { phone: true });
  await page.getByLabel("위 내용을 확인했으며 사실과 같습니다.").check();
  await page.getByRole("button", { name: "이해충돌 없음 확인" }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${id(`${AS}0005`)}$`));
  // opened again: the toast of the declaration is gone (its fade-in is what a contrast check must not see)
  await open(page, `/tickets/${id(`${AS}0005`)}`);
  await check(page, "overview (evaluator)", { phone: true });
  await open(page, step(`${AS}0005`, "documents"));
  await check(page, "documents (evaluator)");
  await page.context().clearCookies();

  await signIn(page, "cost@demo.kr");
  await open(page, "/tickets");
  await check(page, "ticket list (cost agency)");
});
