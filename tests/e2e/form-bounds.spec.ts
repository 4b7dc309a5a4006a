// What a form says about its own size is bounded (issue 13, item 2). Every repeating editor (request
// rows of an application, quote lines, plan milestones, replaced parts of a work log) accepts as
// many rows as its rule in app/domain (ROW_LIMITS) and no more: a hand-made form that names one row
// past it, row 30,000, or asks Conform's list intents to build a long list, is a short Korean 400
// before any row is built — never a big page echoing thousands of rows. A non-finite number
// (1e309, NaN, Infinity) anywhere is a 400 with a Korean message, never a 500. Nothing is written.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { addDaysIso, cloneSubmittedTicket, db, deleteTicket, seoulToday, ticket } from "./fixtures";
import { signIn } from "./helpers";
import { AS } from "./demo-numbers";

test.describe.configure({ mode: "serial" });

const QUOTE = `${AS}0951`;
const PLAN = `${AS}0952`;
const WORK = `${AS}0953`;
const HANGUL = /[\uac00-\ud7a3]/;
/** A refusal page is a few kilobytes; the page of a 30,000-row form was 84 MB. */
const SMALL_PAGE = 64 * 1024;

// the limits of app/domain/limits.ts (ROW_LIMITS), as a person would read them in the refusal
const EDITORS = [
  { name: "신청서 요청 항목", number: null, path: () => "/tickets/new", list: "items", row: "description", limit: 30, who: "maker1@demo.kr" },
  { name: "견적 항목", number: QUOTE, path: (id: string) => `/tickets/${id}/quote`, list: "lines", row: "description", limit: 50 },
  { name: "수행계획서 추진 일정", number: PLAN, path: (id: string) => `/tickets/${id}/plan`, list: "milestones", row: "title", limit: 30 },
  { name: "작업일지 교체 부품", number: WORK, path: (id: string) => `/tickets/${id}/work-logs`, list: "parts", row: "name", limit: 20 },
] as const;

test.beforeAll(() => {
  cloneSubmittedTicket(`${AS}0004`, QUOTE, "입력 행 한도 시험: 견적", "submitted");
  cloneSubmittedTicket(`${AS}0002`, PLAN, "입력 행 한도 시험: 계획서", "selected", {
    selectionNoticeOn: addDaysIso(seoulToday(), -5),
    planDueOn: addDaysIso(seoulToday(), 9),
  });
  cloneSubmittedTicket(`${AS}0001`, WORK, "입력 행 한도 시험: 작업일지", "in_progress", { windowEndOn: addDaysIso(seoulToday(), 90) });
});
test.afterAll(() => {
  for (const number of [QUOTE, PLAN, WORK]) deleteTicket(number);
});

/** The e-mail of a user of the ticket's supplier. */
function supplierEmail(number: string): string {
  const row = db().prepare(`SELECT email FROM User WHERE organizationId = ? ORDER BY email LIMIT 1`).get(ticket(number).supplierId) as {
    email: string;
  };
  return row.email;
}

/** What a form's writes could have changed: rows of every table an editor writes. */
function written(): string {
  const count = (table: string) => (db().prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const versions = db().prepare(`SELECT number, version, state FROM Ticket ORDER BY number`).all();
  return JSON.stringify([
    ["Ticket", "RequestedItem", "Quote", "QuoteLine", "ExecutionPlan", "PlanMilestone", "WorkLog", "WorkLogPart"].map(count),
    versions,
  ]);
}

async function signedIn(page: Page, email: string): Promise<APIRequestContext> {
  await signIn(page, email);
  return page.request;
}

/** A urlencoded POST as the page's own form would send it (same origin). */
async function post(request: APIRequestContext, baseURL: string, path: string, fields: [string, string][]) {
  const body = new URLSearchParams(fields).toString();
  const response = await request.post(path, {
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL, Referer: `${baseURL}${path}` },
    data: body,
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text() };
}

const intent = (value: unknown): [string, string] => ["__intent__", JSON.stringify(value)];

for (const editor of EDITORS) {
  test(`${editor.name}: more rows than ${editor.limit} are a short Korean 400, nothing written`, async ({ page, baseURL }) => {
    const id = editor.number ? ticket(editor.number).id : "";
    const path = editor.path(id);
    const request = await signedIn(page, "who" in editor ? editor.who : supplierEmail(editor.number!));
    const before = written();
    const row = (index: number): [string, string] => [`${editor.list}[${index}].${editor.row}`, "행"];

    const attempts: [string, [string, string][]][] = [
      ["one row past the limit", [row(0), row(editor.limit)]],
      ["row 30,000", [row(30_000)]],
      [
        "a list written through Conform's update intent",
        [intent({ type: "update", payload: { name: editor.list, value: Array(30_000).fill({}) } })],
      ],
      ["a row inserted past the limit", [intent({ type: "insert", payload: { name: editor.list, index: editor.limit } })]],
      ["rows of a field that is no list", [["version[5]", "1"]]],
      ["a row index that is no number", [[`${editor.list}[1e309].${editor.row}`, "행"]]],
    ];
    for (const [what, fields] of attempts) {
      const reply = await post(request, baseURL!, path, fields);
      expect(reply.status, what).toBe(400);
      expect(reply.text, what).toMatch(HANGUL);
      expect(reply.text.length, what).toBeLessThan(SMALL_PAGE);
    }
    expect(written()).toBe(before);

    // the last allowed row is not refused for its number (the form is refused for what is missing)
    const within = await post(request, baseURL!, path, [row(editor.limit - 1)]);
    expect(within.status).toBeLessThan(500);
    expect(within.text).not.toContain("입력 행이 너무 많습니다");
    expect(within.text).not.toContain("형식이 올바르지 않습니다");
    expect(written()).toBe(before);
  });
}

test("a non-finite number anywhere in a form is a Korean 400, never a 500, nothing written", async ({ page, baseURL }) => {
  const id = ticket(QUOTE).id;
  const request = await signedIn(page, supplierEmail(QUOTE));
  const before = written();
  for (const value of ["1e309", "-1e309", "Infinity", "-Infinity", "NaN", "1e-400", "0x1F", "９"]) {
    const reply = await post(request, baseURL!, `/tickets/${id}/quote`, [
      ["version", value],
      ["lines[0].description", "설비"],
      ["lines[0].kind", "equipment"],
      ["lines[0].quantity", value],
      ["lines[0].unitPrice", value],
    ]);
    expect(reply.status, value).toBe(400);
    expect(reply.text, value).toMatch(HANGUL);
  }
  expect(written()).toBe(before);
});
