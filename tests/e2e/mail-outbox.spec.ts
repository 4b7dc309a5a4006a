// Mail that really goes out, against real servers: the outbox survives a kill -9 between the commit and
// the sending and the mail is sent exactly once after the restart; without SMTP_URL the demo mailbox shows
// an address's mail only once asked for that address (and does not exist where mail is delivered); a
// Technopark admin sees failed mail and sends it again, through the e2e server's SMTP sink.
//
// The cause of each mail here is an OutboxMail row written straight into the database, as the app's
// transaction would have committed it: the mail-sending actions (sign-up, reset, invitation) arrive with
// the other items of issue 14, and what is tested here is what happens AFTER the commit.
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { db } from "./fixtures";
import { signIn } from "./helpers";
import { startSmtpSink, waitForMail } from "./mailbox";
import { seededDataDir, startServer, stopServer } from "./server-process";

// servers of this file's own, far from the shared ones
const BASE = Number(process.env.E2E_PORT ?? 3100);
const stamp = (d = new Date()) => d.toISOString().replace("Z", "+00:00");

type OutboxRow = {
  toEmail: string;
  subject: string;
  text: string;
  status?: string;
  attempts?: number;
  lastError?: string | null;
  createdAt?: Date;
};

/** An outbox row as a committed transaction leaves it (pending, due now unless told otherwise). */
function insertMail(database: Database.Database, row: OutboxRow): string {
  const id = `om${crypto.randomUUID().replace(/-/g, "").slice(0, 22)}`;
  const created = stamp(row.createdAt);
  database
    .prepare(
      `INSERT INTO OutboxMail (id, kind, toEmail, subject, text, html, status, attempts, lastError, nextAttemptAt, createdAt)
       VALUES (?, 'confirm_email', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      row.toEmail,
      row.subject,
      row.text,
      `<p>${row.text}</p>`,
      row.status ?? "pending",
      row.attempts ?? 0,
      row.lastError ?? null,
      created,
      created,
    );
  return id;
}

function outboxRow(database: Database.Database, id: string) {
  return database.prepare(`SELECT status, attempts, sentAt, claimedBy FROM OutboxMail WHERE id = ?`).get(id) as {
    status: string;
    attempts: number;
    sentAt: string | null;
    claimedBy: string | null;
  };
}

test("the outbox survives a kill -9 between commit and send: after the restart each mail is sent exactly once", async () => {
  test.setTimeout(90_000);
  const port = BASE + 150;
  const dir = seededDataDir(port);
  const sink = await startSmtpSink(path.join(dir, "mail"));
  const database = new Database(path.join(dir, "e2e.db"));
  let server: ChildProcess | undefined;
  try {
    // the sender held back for an hour: whatever is committed now is not sent by this process
    server = await startServer({ port, dataDir: dir, env: { SMTP_URL: sink.url, MAIL_SENDER_DELAY_MS: "3600000" } });
    const plain = insertMail(database, { toEmail: "crash@example.kr", subject: "[AS 트래커] 가입 확인", text: "가입을 확인해 주세요." });
    // a row a sender had claimed when it died: its lease is over (a live claim waits until it is)
    const claimed = insertMail(database, { toEmail: "crash2@example.kr", subject: "[AS 트래커] 비밀번호 재설정", text: "재설정 링크" });
    database
      .prepare(`UPDATE OutboxMail SET claimedBy = 'sender-dead', claimedUntil = ? WHERE id = ?`)
      .run(stamp(new Date(Date.now() - 1000)), claimed);
    expect(outboxRow(database, plain).status).toBe("pending");

    await stopServer(server, "SIGKILL");
    expect(await sink.mailsTo("crash@example.kr")).toHaveLength(0);

    server = await startServer({ port, dataDir: dir, env: { SMTP_URL: sink.url } });
    const first = await sink.waitForMail("crash@example.kr");
    const second = await sink.waitForMail("crash2@example.kr");
    expect(first.messageId).toBe(`<${plain}@localhost>`);
    expect(first.subject).toBe("[AS 트래커] 가입 확인");
    expect(first.text).toContain("가입을 확인해 주세요.");
    expect(second.messageId).toBe(`<${claimed}@localhost>`);
    await expect.poll(() => [outboxRow(database, plain).status, outboxRow(database, claimed).status]).toEqual(["sent", "sent"]);

    // a clean stop and start: what is sent stays sent
    await stopServer(server);
    server = await startServer({ port, dataDir: dir, env: { SMTP_URL: sink.url } });
    await stopServer(server);
    expect(await sink.mailsTo("crash@example.kr")).toHaveLength(1);
    expect(await sink.mailsTo("crash2@example.kr")).toHaveLength(1);
    expect(outboxRow(database, plain)).toMatchObject({ status: "sent", attempts: 0, claimedBy: null });
  } finally {
    // a failed assertion must not leave a server on this port for the next run
    if (server) await stopServer(server, "SIGKILL");
    database.close();
    await sink.close();
  }
});

test("without SMTP_URL: a loud warning at start, and the demo mailbox shows an address's mail only when asked for it", async ({ page }) => {
  test.setTimeout(90_000);
  const port = BASE + 151;
  const dir = seededDataDir(port);
  const database = new Database(path.join(dir, "e2e.db"));
  let output = "";
  const server = await startServer({ port, dataDir: dir, env: { SMTP_URL: "" }, stdout: (text) => (output += text) });
  try {
    const origin = `http://localhost:${port}`;
    insertMail(database, {
      toEmail: "newcomer@example.kr",
      subject: "[AS 트래커] 이메일 주소를 확인해 주세요",
      text: `(주)새출발 가입을 마치려면 아래 주소를 여세요.\n\n이메일 확인하기: ${origin}/login?redirectTo=%2Fprofile\n\n--\n이 메일은 …`,
    });
    insertMail(database, {
      toEmail: "newcomer@example.kr",
      subject: "[AS 트래커] 지난주의 메일",
      text: "오래된 메일",
      createdAt: new Date(Date.now() - 8 * 86_400_000),
    });
    insertMail(database, { toEmail: "someone-else@example.kr", subject: "[AS 트래커] 남의 재설정 링크", text: `${origin}/reset/secret-token` });
    expect(output).toContain("SMTP_URL 미설정");
    expect(output).toContain("SMTP_URL is not set");

    await page.goto(`${origin}/mailbox`);
    await expect(page.getByRole("heading", { name: "데모 메일함" })).toBeVisible();
    await expect(page.getByTestId("mail")).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText("이메일 주소를 확인해 주세요");

    await page.getByLabel("받는 사람 이메일").fill("아무거나");
    await page.getByRole("button", { name: "메일 보기" }).click();
    await expect(page.getByText("이메일 형식이 올바르지 않습니다.")).toBeVisible();

    await page.getByLabel("받는 사람 이메일").fill("NewComer@example.kr");
    await page.getByRole("button", { name: "메일 보기" }).click();
    const mails = page.getByTestId("mail");
    await expect(mails).toHaveCount(1);
    await expect(mails.first().getByRole("heading")).toHaveText("[AS 트래커] 이메일 주소를 확인해 주세요");
    await expect(page.locator("body")).not.toContainText("지난주의 메일");
    await expect(page.locator("body")).not.toContainText("남의 재설정 링크");
    const link = mails.first().getByRole("link", { name: `${origin}/login?redirectTo=%2Fprofile` });
    await expect(link).toHaveAttribute("href", "/login?redirectTo=%2Fprofile");
    await link.click();
    await expect(page).toHaveURL(`${origin}/login?redirectTo=%2Fprofile`);
  } finally {
    database.close();
    await stopServer(server);
  }
});

test("where mail is delivered there is no demo mailbox", async ({ request }) => {
  for (const answer of [
    await request.get("/mailbox"),
    await request.post("/mailbox", {
      form: { address: "maker1@demo.kr" },
      headers: { Origin: new URL(test.info().project.use.baseURL!).origin },
    }),
  ]) {
    expect(answer.status()).toBe(404);
    expect(await answer.text()).not.toContain("maker1@demo.kr");
  }
});

test("a Technopark admin sees failed mail (never its body) and sends it again; nobody else sees the page", async ({ page }) => {
  const monitor = "monitor@demo.kr";
  db().prepare(`UPDATE User SET isAdmin = 0 WHERE email = ?`).run(monitor);
  const failed = insertMail(db(), {
    toEmail: "bounced@example.kr",
    subject: "[AS 트래커] 초대장",
    text: "초대 링크: http://localhost/invite/very-secret-token",
    status: "failed",
    attempts: 10,
    lastError: "ECONNECTION: connect ECONNREFUSED 10.0.0.9:25",
  });

  await signIn(page, monitor);
  const answer = await page.goto("/admin/mail");
  expect(answer?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();

  db().prepare(`UPDATE User SET isAdmin = 1 WHERE email = ?`).run(monitor);
  await page.goto("/admin/mail");
  await expect(page.getByRole("heading", { name: "메일 발송 현황" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "bounced@example.kr" });
  await expect(row).toContainText("초대장");
  await expect(row).toContainText("10회");
  await expect(row).toContainText("ECONNREFUSED");
  await expect(page.locator("body")).not.toContainText("very-secret-token");

  await row.getByRole("button", { name: "다시 보내기" }).click();
  await expect(page.getByText("bounced@example.kr 앞 메일을 다시 보내도록 대기열에 넣었습니다.")).toBeVisible();
  const mail = await waitForMail("bounced@example.kr");
  expect(mail.messageId).toBe(`<${failed}@localhost>`);
  expect(mail.text).toContain("very-secret-token");
  await expect.poll(() => outboxRow(db(), failed).status).toBe("sent");
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "bounced@example.kr" })).toHaveCount(0);
});
