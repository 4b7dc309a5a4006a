// Deadline reminders against a real server that delivers to an SMTP sink (tests/e2e/mailbox.ts), with the
// real CLI (`npm run reminders`) run against the server's own database: a dry run prints the ticket number
// and sends nothing; run twice for the same day each reminder leaves once (one ReminderSent row, one mail in
// the sink); a person who chose 기한 알림 → 앱에서만 on the 알림 설정 page gets the bell row and no mail. The
// server's own run at start (the 09:00 timer's catch-up) has already sent today's threshold.
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { reminderThreshold } from "../../app/domain/reminders";
import { addDaysIso, db, seoulToday, ticket } from "./fixtures";
import { signIn } from "./helpers";
import { instanceDir, instancePort } from "./instance";
import { mailsTo, startSmtpSink, waitForMail } from "./mailbox";
import { AS } from "./demo-numbers";

// AS-…-0002: 지원결정 (selected), 수행계획서 기한 5일 남음 — its supplier (주)넥스트엠이에스 must act
const NUMBER = `${AS}0002`;
const VENDOR = "vendor2@demo.kr";

/**
 * `npm run reminders -- …` against this spec's server database; without SMTP_URL the mail is left in the
 * outbox for the server's sender. Not spawnSync: a sink of the test's own must keep answering meanwhile.
 */
function reminders(args: string[], extraEnv: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const dir = instanceDir();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
    DATA_DIR: dir,
    APP_URL: `http://localhost:${instancePort()}`,
    LOG_LEVEL: "warn",
  };
  delete env.SMTP_URL;
  Object.assign(env, extraEnv);
  const child = spawn("npm", ["run", "-s", "reminders", "--", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += String(d)));
  child.stderr.on("data", (d) => (stderr += String(d)));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}

const planDueOn = () => (db().prepare(`SELECT planDueOn FROM Ticket WHERE number = ?`).get(NUMBER) as { planDueOn: string }).planDueOn;
const claims = (threshold: string) =>
  db()
    .prepare(`SELECT runOn FROM ReminderSent WHERE ticketId = ? AND deadline = 'planDueOn' AND threshold = ?`)
    .all(ticket(NUMBER).id, threshold);
const outboxWith = (label: string) =>
  db().prepare(`SELECT status FROM OutboxMail WHERE toEmail = ? AND subject LIKE ?`).all(VENDOR, `%${label}%${NUMBER}%`) as { status: string }[];
const sinkWith = async (label: string) => (await mailsTo(VENDOR)).filter((m) => m.subject.includes(label) && m.subject.includes(NUMBER));

async function chooseDeadlineMode(page: Page, label: "즉시 메일" | "앱에서만") {
  await page.goto("/profile/notifications");
  const group = page.getByRole("group", { name: "기한 알림" });
  await group.getByLabel(label).check();
  await page.getByRole("button", { name: "알림 설정 저장" }).click();
  await expect(page.getByText("알림 설정을 저장했습니다.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("group", { name: "기한 알림" }).getByLabel(label)).toBeChecked();
}

test("the server's own run at start has sent today's threshold, once", async () => {
  const today = seoulToday();
  const threshold = reminderThreshold(planDueOn(), today);
  expect(threshold).not.toBeNull();
  await expect.poll(() => claims(threshold!).length).toBe(1);
});

test("a dry run prints the ticket number and sends nothing; two real runs for the same day send each reminder once", async () => {
  test.setTimeout(120_000);
  const day = addDaysIso(planDueOn(), -3); // D-3
  const claimsBefore = (db().prepare(`SELECT COUNT(*) AS n FROM ReminderSent`).get() as { n: number }).n;
  const outboxBefore = (db().prepare(`SELECT COUNT(*) AS n FROM OutboxMail`).get() as { n: number }).n;

  const dry = await reminders(["--date", day, "--dry-run"]);
  expect(dry.status, dry.stderr).toBe(0);
  expect(dry.stdout).toContain(`[보낼 예정] ${NUMBER}`);
  expect(dry.stdout).toContain("D-3");
  expect(dry.stdout).toContain(VENDOR);
  expect((db().prepare(`SELECT COUNT(*) AS n FROM ReminderSent`).get() as { n: number }).n).toBe(claimsBefore);
  expect((db().prepare(`SELECT COUNT(*) AS n FROM OutboxMail`).get() as { n: number }).n).toBe(outboxBefore);

  const first = await reminders(["--date", day]);
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toContain(`[보냄] ${NUMBER}`);
  const second = await reminders(["--date", day]);
  expect(second.status, second.stderr).toBe(0);
  expect(second.stdout).not.toContain(NUMBER);

  expect(claims("d3")).toEqual([{ runOn: day }]);
  const mail = await waitForMail(VENDOR, (m) => m.subject.includes("D-3") && m.subject.includes(NUMBER));
  // the one outbox row is delivered: nothing more can reach the sink
  await expect.poll(() => outboxWith("D-3").map((r) => r.status)).toEqual(["sent"]);
  expect(await sinkWith("D-3")).toHaveLength(1);
  expect(mail.text).toContain("수행계획서 제출");
  expect(mail.text).toContain("3일 남았습니다");
  const link = new RegExp(`https?://\\S+/tickets/${ticket(NUMBER).id}/plan`).exec(mail.text)?.[0];
  expect(link).toBeDefined();
});

test("a bad date, no date or an unknown argument is refused in Korean", async () => {
  const bad = await reminders(["--date", "2026-02-30"]);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("날짜는 YYYY-MM-DD 형식의 실제 날짜여야 합니다");
  const missing = await reminders(["--dry-run"]);
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain("--date <YYYY-MM-DD>로 날짜를 주세요.");
  const unknown = await reminders(["--day", "2026-12-01"]);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain("알 수 없는 인수입니다");
});

test("앱에서만 for 기한 알림: the bell row, no mail", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, VENDOR);
  await chooseDeadlineMode(page, "앱에서만");
  const day = addDaysIso(planDueOn(), -1); // D-1
  const run = await reminders(["--date", day]);
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain(`[보냄] ${NUMBER}`);
  expect(run.stdout).toContain(`${VENDOR}(앱에서만)`);
  expect(claims("d1")).toHaveLength(1);
  expect(outboxWith("D-1")).toEqual([]);
  expect(await sinkWith("D-1")).toEqual([]);
  await page.goto("/notifications");
  const row = page.getByTestId("notifications").locator("li").filter({ hasText: NUMBER }).filter({ hasText: "D-1" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("수행계획서 제출");
});

test("with SMTP_URL the CLI delivers its mail itself (no server needed), and the server's sender never sends it again", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, VENDOR);
  await chooseDeadlineMode(page, "즉시 메일");
  const sink = await startSmtpSink();
  try {
    const run = await reminders(["--date", planDueOn()], { SMTP_URL: sink.url }); // D-day
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`[보냄] ${NUMBER}`);
    // delivered before the CLI exited: by this process or (had it polled just then) by the server's sender
    await expect.poll(() => outboxWith("D-day").map((r) => r.status)).toEqual(["sent"]);
    const fromCli = (await sink.mailsTo(VENDOR)).filter((m) => m.subject.includes("D-day") && m.subject.includes(NUMBER));
    expect(fromCli.length + (await sinkWith("D-day")).length).toBe(1);
  } finally {
    await sink.close();
  }
});
