// A burst of writes to one ticket through both nodes while its people watch it live on both nodes — the
// ordinary busy moment of a deployment. Every write gets its answer (the step's redirect): the one-writer
// lock makes them wait their turn, never fail (issue 18: every refusal Korean, never a 500).
import { AS } from "../e2e/demo-numbers";
import { askSupplier, cookieHeader, expect, openTicket, personOn, test, ticketId } from "./fixtures";

test("a burst of writes through both nodes while six pages watch the ticket live: every write answered", async ({ browser, cluster }) => {
  // the ticket's three parties (AS-…-0001: maker1 × vendor1, the TP's monitor), each on both nodes
  const watchers = await Promise.all(
    ["maker1@demo.kr", "vendor1@demo.kr", "monitor@demo.kr"].flatMap((email) =>
      (["A", "B"] as const).map((node) => personOn(browser, cluster, node, email)),
    ),
  );
  for (const page of watchers) await openTicket(page, cluster, `${AS}0001`);
  const cookie = await cookieHeader(watchers[0]);
  const ticket = await ticketId(cluster, `${AS}0001`);
  for (const round of [1, 2, 3]) {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => askSupplier(cluster.url(i % 2 ? "B" : "A"), ticket, cookie, `몰린 문의 ${round}-${i + 1}`)),
    );
    expect(
      answers.map((a) => a.status),
      `round ${round}`,
    ).toEqual(answers.map(() => 302));
  }
});
