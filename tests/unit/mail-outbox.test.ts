// The outbox against a real SQLite file: a mail is a row of the causing transaction, so a rollback
// leaves no mail; a dedupe key admits one mail.
import { describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { prisma } from "~/db.server";
import { renderMail } from "~/mail/layout.server";
import { enqueueMail, onMailEnqueued } from "~/mail/outbox.server";

useSeededDatabase();

const content = () => renderMail({ subject: "비밀번호 재설정", lines: ["재설정 링크입니다."], action: { label: "재설정", path: "/reset/x" } });

describe("enqueueMail", () => {
  it("a transaction that rolls back leaves no mail", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueMail(tx, { kind: "reset_password", to: { email: "rollback@example.kr" }, content: content() });
        throw new Error("the change is refused");
      }),
    ).rejects.toThrow("the change is refused");
    expect(await prisma.outboxMail.count({ where: { toEmail: "rollback@example.kr" } })).toBe(0);
  });

  it("a committed transaction leaves one pending mail, the address lower-cased, and wakes the sender", async () => {
    let woken = 0;
    const stop = onMailEnqueued(() => (woken += 1));
    const id = await prisma.$transaction((tx) =>
      enqueueMail(tx, { kind: "reset_password", to: { email: " Commit@Example.KR " }, organizationId: null, content: content() }),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    stop();
    const row = await prisma.outboxMail.findUniqueOrThrow({ where: { id: id! } });
    expect(row).toMatchObject({ toEmail: "commit@example.kr", status: "pending", attempts: 0, subject: "[AS 트래커] 비밀번호 재설정" });
    expect(row.text).toContain("재설정 링크입니다.");
    expect(woken).toBe(1);
  });

  it("one mail per dedupe key", async () => {
    const mail = { kind: "digest" as const, to: { email: "digest@example.kr" }, content: content(), dedupeKey: "digest:u1:2026-11-27" };
    expect(await prisma.$transaction((tx) => enqueueMail(tx, mail))).toEqual(expect.any(String));
    expect(await prisma.$transaction((tx) => enqueueMail(tx, mail))).toBeNull();
    expect(await prisma.outboxMail.count({ where: { toEmail: "digest@example.kr" } })).toBe(1);
  });
});
