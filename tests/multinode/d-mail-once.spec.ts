// Two nodes, one outbox: each node runs the mail sender, and both are woken by the same changes. A mail is
// claimed by one sender only (a claim of rows, docs/decisions/019), so N mails caused across both nodes
// arrive N times at the SMTP sink — none twice, none missing (issue 18, item 2).
import { AS } from "../e2e/demo-numbers";
import { askSupplier, cookieHeader, expect, personOn, test, ticketId } from "./fixtures";

/** Message-ID: <outbox-row-id@host> (the sender's, app/mail/sender.server.ts). */
function outboxIdOf(raw: Buffer): string {
  const match = /^Message-ID:\s*<([^@>]+)@/im.exec(raw.toString("utf8"));
  if (!match) throw new Error(`a message without our Message-ID:\n${raw.toString("utf8").slice(0, 500)}`);
  return match[1];
}

test("mails caused on both nodes are each sent once", async ({ browser, cluster }) => {
  const maker = await personOn(browser, cluster, "A", "maker1@demo.kr");
  const cookie = await cookieHeader(maker);
  const ticket = await ticketId(cluster, `${AS}0001`);
  const before = new Set((await cluster.query<{ id: string }>(`SELECT id FROM "OutboxMail"`)).map((row) => row.id));

  // 12 questions at once, half through each node: each puts mail for the supplier in the outbox
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) => askSupplier(cluster.url(i % 2 ? "B" : "A"), ticket, cookie, `메일 한 번 ${i + 1}`)),
  );
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 302));

  const caused = (await cluster.query<{ id: string }>(`SELECT id FROM "OutboxMail"`)).map((row) => row.id).filter((id) => !before.has(id));
  expect(caused.length).toBeGreaterThanOrEqual(12); // at least the supplier's mail of each question
  // bounded wait: every one of them sent (the senders work after the commit)
  await expect
    .poll(async () => (await cluster.query(`SELECT id FROM "OutboxMail" WHERE id = ANY($1) AND status = 'sent'`, [caused])).length, {
      timeout: 30_000,
    })
    .toBe(caused.length);
  const received = cluster.sink.messages.map(outboxIdOf);
  expect(received.length - new Set(received).size).toBe(0); // no message ever arrived twice
  // ours each once, none missing (a mail of before, e.g. a sign-up's, may have been sent meanwhile)
  expect(received.filter((id) => !before.has(id)).sort()).toEqual([...caused].sort());
});
