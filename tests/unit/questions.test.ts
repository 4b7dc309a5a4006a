// 문의/답변 (issue 15, item 7) against a real, migrated and seeded SQLite file and real files in the test's
// DATA_DIR: who may ask whom and when, what a reply and a close do to the status, the question's own
// version, attachments through the upload checks and readable only by the ticket's parties, and the trail
// of each change (audit event without the body, "내 차례" for the party whose turn it becomes, mail).
import { beforeAll, describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError } from "~/domain";
import { ConflictError, NotFoundError } from "~/models/errors.server";
import { findReadableFile, saveUpload } from "~/models/files.server";
import { askQuestion, closeQuestion, getQuestionsPage, replyToQuestion, withMessageFiles } from "~/models/question.server";

useSeededDatabase();

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const BODY = "설비 교체 일정에 대해 비밀스러운 본문입니다.";

let maker1: Actor, maker2: Actor, maker3: Actor, vendor1: Actor, vendor2: Actor, monitor: Actor;
let t1 = "";

const ticketId = async (number: string) => (await prisma.ticket.findUniqueOrThrow({ where: { number }, select: { id: true } })).id;
const question = (id: string) => prisma.ticketQuestion.findUniqueOrThrow({ where: { id } });
const pdf = (name = "도면.pdf") => new File([PDF], name, { type: "application/pdf" });

/** The error `promise` is refused with, checked to be a `type`. */
async function rejects<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

/** Rows a refused change must not have added. */
const counts = async () => [
  await prisma.ticketQuestion.count(),
  await prisma.ticketMessage.count(),
  await prisma.storedFile.count(),
  await prisma.auditEvent.count(),
  await prisma.notification.count(),
];

beforeAll(async () => {
  [maker1, maker2, maker3, vendor1, vendor2, monitor] = await Promise.all(
    ["maker1", "maker2", "maker3", "vendor1", "vendor2", "monitor"].map((u) => actorFor(`${u}@demo.kr`)),
  );
  t1 = await ticketId("AS-2026-0001"); // 과제수행 중, maker1 × vendor1
});

describe("asking", () => {
  it("the manufacturer asks the supplier with a file: open, audited without the body, the supplier's turn, mailed", async () => {
    const { questionId, seq } = await withMessageFiles([pdf()], (files) =>
      askQuestion(maker1, { ticketId: t1, toRole: "supplier", subject: "  교체 일정 문의 ", body: BODY, files }),
    );
    const q = await question(questionId);
    expect(q).toMatchObject({ fromRole: "manufacturer", toRole: "supplier", subject: "교체 일정 문의", status: "open", version: 1 });
    const audit = await prisma.auditEvent.findUniqueOrThrow({ where: { seq } });
    expect(audit.action).toBe("question.ask");
    expect(audit.summary).toContain("공급기업에 문의했습니다");
    expect(audit.summary + (audit.data ?? "")).not.toContain("비밀스러운");
    const bells = await prisma.notification.findMany({ where: { eventSeq: seq }, include: { user: { select: { email: true } } } });
    const kindOf = Object.fromEntries(bells.map((b) => [b.user.email, b.kind]));
    expect(kindOf["vendor1@demo.kr"]).toBe("my_turn");
    expect(kindOf["monitor@demo.kr"]).toBe("activity");
    expect(kindOf["maker1@demo.kr"]).toBeUndefined(); // not to the asker
    expect(kindOf["vendor2@demo.kr"]).toBeUndefined(); // nor to anyone outside the ticket's parties
    const mail = await prisma.outboxMail.findFirst({
      where: { toUserId: vendor1.userId, kind: "notification" },
      orderBy: { createdAt: "desc" },
    });
    expect(mail?.text).toContain("문의 내용을 확인하고 답변해 주세요.");

    const page = await getQuestionsPage(vendor1, t1);
    const shown = page!.questions.find((x) => x.id === questionId)!;
    expect(shown.messages).toHaveLength(1);
    expect(shown.messages[0]).toMatchObject({ body: BODY, authorRole: "manufacturer" });
    const fileId = shown.messages[0].attachments[0].file.id;
    expect(shown.messages[0].attachments[0].file.originalName).toBe("도면.pdf");
    // the file: the ticket's three parties, nobody else
    for (const reader of [maker1, vendor1, monitor]) expect(await findReadableFile(reader, fileId)).not.toBeNull();
    for (const stranger of [vendor2, maker2]) expect(await findReadableFile(stranger, fileId)).toBeNull();
    expect(await getQuestionsPage(vendor2, t1)).toBeNull();
    expect(await getQuestionsPage(maker2, t1)).toBeNull();
  });

  it("refuses a question to itself, to no party, on a draft or a closed ticket, from outside the ticket — writing nothing", async () => {
    const before = await counts();
    const ask = (actor: Actor, ticket: string, toRole: string) =>
      askQuestion(actor, { ticketId: ticket, toRole, subject: "제목", body: "내용", files: [] });
    expect((await rejects(ask(maker1, t1, "manufacturer"), DomainError)).code).toBe("question_addressee");
    expect((await rejects(ask(vendor1, t1, "admin"), DomainError)).code).toBe("question_addressee");
    // a draft is the manufacturer's alone (AS-2026-0003, maker2); 미선정 is closed (AS-2026-0009, maker3)
    expect((await rejects(ask(maker2, await ticketId("AS-2026-0003"), "supplier"), DomainError)).code).toBe("state_not_allowed");
    const closed = await rejects(ask(maker3, await ticketId("AS-2026-0009"), "monitor"), DomainError);
    expect(closed.message).toContain("종료");
    await rejects(ask(vendor2, t1, "manufacturer"), NotFoundError);
    expect(await counts()).toEqual(before);
  });

  it("bounds the texts and the files of a message before storing any byte", async () => {
    const before = await counts();
    const long = await rejects(
      askQuestion(maker1, { ticketId: t1, toRole: "monitor", subject: "가".repeat(101), body: "x", files: [] }),
      DomainError,
    );
    expect(long.message).toContain("100자");
    await rejects(askQuestion(maker1, { ticketId: t1, toRole: "monitor", subject: "제목", body: " ", files: [] }), DomainError);
    const six = Array.from({ length: 6 }, (_, i) => pdf(`${i}.pdf`));
    let saved = false;
    const many = await rejects(
      withMessageFiles(six, async () => {
        saved = true;
      }),
      DomainError,
    );
    expect([many.code, saved]).toEqual(["question_attachments", false]);
    // and a message recorded directly with too many files is refused too
    const stored = await Promise.all(six.map((f) => saveUpload(f)));
    await rejects(askQuestion(maker1, { ticketId: t1, toRole: "monitor", subject: "제목", body: "내용", files: stored }), DomainError);
    // a file that is not one of the accepted types is refused by the upload checks
    const html = new File(["<html></html>"], "a.pdf", { type: "application/pdf" });
    expect(
      (
        await rejects(
          withMessageFiles([html], async () => undefined),
          DomainError,
        )
      ).code,
    ).toBe("upload_type");
    expect(await counts()).toEqual(before);
  });
});

describe("replying and closing", () => {
  async function fresh(from: Actor, toRole: string) {
    const { questionId } = await askQuestion(from, { ticketId: t1, toRole, subject: "회신 흐름", body: "질문", files: [] });
    return questionId;
  }
  const reply = (actor: Actor, questionId: string, version: number, body = "답") =>
    replyToQuestion(actor, { ticketId: t1, questionId, version, body, files: [] });

  it("the addressed party answers (answered, the asker's turn); the asker asks again (open); either side closes", async () => {
    const id = await fresh(maker1, "supplier");
    const answered = await reply(vendor1, id, 1, "다음 주 화요일입니다.");
    expect(await question(id)).toMatchObject({ status: "answered", version: 2 });
    expect((await question(id)).answeredAt).not.toBeNull();
    const bell = await prisma.notification.findFirstOrThrow({ where: { eventSeq: answered.seq, userId: maker1.userId } });
    expect(bell.kind).toBe("my_turn");
    expect((await prisma.auditEvent.findUniqueOrThrow({ where: { seq: answered.seq } })).summary).toContain("답변했습니다");

    // the supplier adds to its answer: still answered
    await reply(vendor1, id, 2, "오전 10시입니다.");
    expect(await question(id)).toMatchObject({ status: "answered", version: 3 });
    // the manufacturer asks again: open, the supplier's turn
    const again = await reply(maker1, id, 3, "오후로 바꿀 수 있나요?");
    expect(await question(id)).toMatchObject({ status: "open", version: 4 });
    expect((await prisma.notification.findFirstOrThrow({ where: { eventSeq: again.seq, userId: vendor1.userId } })).kind).toBe("my_turn");

    const closed = await closeQuestion(vendor1, { ticketId: t1, questionId: id, version: 4 });
    expect(await question(id)).toMatchObject({ status: "closed", version: 5 });
    expect((await question(id)).closedAt).not.toBeNull();
    // nobody's turn: the others are told as activity
    const bells = await prisma.notification.findMany({ where: { eventSeq: closed.seq } });
    expect(bells.length).toBeGreaterThan(0);
    expect(bells.every((b) => b.kind === "activity")).toBe(true);
    const page = await getQuestionsPage(monitor, t1);
    expect(page!.questions.find((q) => q.id === id)!.messages.map((m) => m.authorRole)).toEqual([
      "manufacturer",
      "supplier",
      "supplier",
      "manufacturer",
    ]);
  });

  it("refuses a stale version, a third party, a closed question and a question of another ticket — writing nothing", async () => {
    const id = await fresh(vendor1, "monitor");
    await reply(monitor, id, 1);
    const before = await counts();
    const row = await question(id);
    await rejects(reply(vendor1, id, 1), ConflictError); // someone answered since
    await rejects(closeQuestion(monitor, { ticketId: t1, questionId: id, version: 1 }), ConflictError);
    // the manufacturer reads the supplier's question to the TP but is no side of it
    expect((await rejects(reply(maker1, id, 2), DomainError)).code).toBe("question_not_party");
    expect((await rejects(closeQuestion(maker1, { ticketId: t1, questionId: id, version: 2 }), DomainError)).code).toBe("question_not_party");
    // the same question id under another of the supplier's tickets is not found
    await rejects(
      replyToQuestion(vendor1, { ticketId: await ticketId("AS-2026-0005"), questionId: id, version: 2, body: "x", files: [] }),
      NotFoundError,
    );
    // outside the ticket: not found at all
    await rejects(reply(vendor2, id, 2), NotFoundError);
    expect(await counts()).toEqual(before);
    expect(await question(id)).toEqual(row);

    await closeQuestion(monitor, { ticketId: t1, questionId: id, version: 2 });
    expect((await rejects(reply(vendor1, id, 3), DomainError)).code).toBe("question_closed");
    expect((await rejects(closeQuestion(vendor1, { ticketId: t1, questionId: id, version: 3 }), DomainError)).code).toBe("question_closed");
  });

  it("an open question is the addressed party's pending count (status open = awaiting the addressed party)", async () => {
    const id = await fresh(monitor, "manufacturer");
    const openTo = (role: string) => prisma.ticketQuestion.count({ where: { ticketId: t1, toRole: role, status: "open" } });
    const before = await openTo("manufacturer");
    await reply(maker1, id, 1);
    expect(await openTo("manufacturer")).toBe(before - 1);
  });
});
