// Uploads on several nodes: a file uploaded through node A is served by node B, because every node has
// the same DATA_DIR (a shared folder, docs/deploy.md) and the file's row is in the shared database.
import { AS } from "../e2e/demo-numbers";
import { cookieHeader, expect, openTicket, personOn, test } from "./fixtures";

const PDF = Buffer.from("%PDF-1.4\n% 노드 A에서 올린 도면\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

test("a file uploaded on node A downloads from node B, byte for byte", async ({ browser, cluster }) => {
  const maker = await personOn(browser, cluster, "A", "maker1@demo.kr");
  await openTicket(maker, cluster, `${AS}0001`);
  await maker.getByRole("link", { name: "문의", exact: true }).click();
  // the form is folded while the ticket has questions (earlier tests asked some)
  const ask = maker.locator("details").filter({ has: maker.locator("summary", { hasText: "새 문의" }) });
  if ((await ask.getAttribute("open")) === null) await ask.locator("summary").click();
  await maker.getByLabel("문의할 곳").selectOption({ label: "공급기업" });
  await maker.getByLabel("제목").fill("공유 폴더 도면");
  await maker.getByLabel("내용").fill("노드 A에서 올린 도면입니다.");
  await maker.locator("#ask-files").setInputFiles({ name: "공유 도면.pdf", mimeType: "application/pdf", buffer: PDF });
  await maker.getByRole("button", { name: "문의 등록", exact: true }).click();
  const link = maker.locator("article[data-question-id]").filter({ hasText: "공유 폴더 도면" }).getByRole("link", { name: "공유 도면.pdf" });
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/files\//);

  // the same person (their session works on every node) downloads it from node B
  const download = await fetch(`${cluster.url("B")}${href}`, { headers: { Cookie: await cookieHeader(maker) } });
  expect(download.status).toBe(200);
  expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

  // and the supplier, signed in on node B, opens it from the page node B renders
  const vendor = await personOn(browser, cluster, "B", "vendor1@demo.kr");
  await vendor.goto(maker.url().replace(cluster.url("A"), ""));
  const theirs = vendor.locator("article[data-question-id]").filter({ hasText: "공유 폴더 도면" }).getByRole("link", { name: "공유 도면.pdf" });
  expect(await theirs.getAttribute("href")).toBe(href);
  const fromB = await vendor.request.get(href!);
  expect(fromB.status()).toBe(200);
  expect((await fromB.body()).equals(PDF)).toBe(true);
});
