// Tenant isolation, generated from the route table of the production build:
// every loader, action and resource route × every role × a resource of a
// foreign organisation, asked for directly over HTTP (not through hidden
// buttons). Each must answer 403 or 404, never the data and never a change.
// A route without a rule below fails the test, so new routes must say how
// they are scoped.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import bcrypt from "bcryptjs";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { db, e2eDir } from "./fixtures";
import { routeTable } from "./route-table";
import { AS, DEMO_NOTICE } from "./demo-numbers";

type Rule =
  | { kind: "ticket" } // :ticketId — scoped by ticketScope
  | { kind: "program" } // :programId — only the monitors of the program's Technopark
  | { kind: "program-form" } // :programId — a program's forms: its Technopark's monitors and the manufacturers of its region
  | { kind: "file" } // :fileId — only readers of a ticket the file belongs to
  | { kind: "monitor-only" } // no id: other roles are refused
  | { kind: "own-only" } // no id: shows only the actor's own data (checked: no foreign ticket appears)
  | { kind: "tp-admin-only" } // no id: only a Technopark's admin (a monitor with isAdmin); no actor here is one, all are refused
  | { kind: "demo-only" } // exists only without SMTP_URL (the demo mailbox); the e2e servers deliver mail, so refused to all
  | { kind: "public" }; // sign-in, health, sign-out, home redirect

const RULES: Record<string, Rule> = {
  root: { kind: "public" },
  "routes/_index": { kind: "public" },
  "routes/login": { kind: "public" },
  "routes/logout": { kind: "public" },
  "routes/healthz": { kind: "public" },
  "routes/tickets._index": { kind: "own-only" },
  "routes/tickets.new": { kind: "own-only" },
  "routes/inbox": { kind: "own-only" },
  "routes/profile": { kind: "own-only" },
  "routes/profile_.inventory": { kind: "own-only" },
  "routes/profile_.password": { kind: "own-only" },
  "routes/forgot-password": { kind: "public" },
  "routes/reset-password.$token": { kind: "public" },
  "routes/notifications": { kind: "own-only" },
  // 알림 설정: the session's own modes only; a userId in the form is ignored (notification-mail.spec.ts)
  "routes/profile_.notifications": { kind: "own-only" },
  "routes/dashboard": { kind: "monitor-only" },
  "routes/programs._index": { kind: "monitor-only" },
  "routes/exports.tickets[.]csv": { kind: "monitor-only" },
  "routes/exports.tickets[.]xlsx": { kind: "monitor-only" },
  "routes/programs.$programId": { kind: "program" },
  "routes/files.$fileId": { kind: "file" },
  // the notice's forms (ADR 036): a ticket's for its parties and TP; a program's for its TP and manufacturers of its region
  "routes/tickets.$ticketId.forms.application-form[.]pdf": { kind: "ticket" },
  "routes/tickets.$ticketId.forms.info-use-consent[.]pdf": { kind: "ticket" },
  "routes/programs.$programId.forms.application-form[.]pdf": { kind: "program-form" },
  "routes/programs.$programId.forms.info-use-consent[.]pdf": { kind: "program-form" },
  "routes/tickets.$ticketId": { kind: "ticket" },
  // 담당자 (ADR 027): a ticket's page, and monitors only — other roles get 404 on their own tickets too (tp-queue.spec.ts)
  "routes/tickets.$ticketId.assignee": { kind: "ticket" },
  "routes/admin.mail": { kind: "tp-admin-only" },
  "routes/mailbox": { kind: "demo-only" },
  // 조직 관리 shows only the actor's own organisation (foreign members → 404, non-admins → 403: organization-admin.spec.ts)
  "routes/organization": { kind: "own-only" },
  "routes/admin.organizations": { kind: "monitor-only" },
  // 외부전문가·원가계산기관 등록 (ADR 029): TP staff only
  "routes/admin.experts": { kind: "monitor-only" },
  "routes/invitations.$token": { kind: "public" }, // the link's token is the credential: forged/used/expired → Korean 404/410
  // 회원가입 and the confirmation of the address (ADR 020): public; a signed-up person is no actor until confirmed (sign-up.spec.ts)
  "routes/signup": { kind: "public" },
  "routes/confirm-email._index": { kind: "public" }, // the same answer whether or not the address waits for a link
  "routes/confirm-email.$token": { kind: "public" }, // the link's token is the credential: forged/used/expired → Korean 404/410
  "routes/pending": { kind: "public" }, // 승인 대기: only a waiting person's own organisation; an actor is sent home
  // documents out (ADR 035): each PDF under the page it prints, scoped like that page (experts by its first segment)
  "routes/tickets.$ticketId.agreement.agreement[.]pdf": { kind: "ticket" },
  "routes/tickets.$ticketId.completion.completion-report[.]pdf": { kind: "ticket" },
  "routes/tickets.$ticketId.evaluation.evaluation-sheet[.]pdf": { kind: "ticket" },
  "routes/tickets.$ticketId.documents.application-summary[.]pdf": { kind: "ticket" },
};
const TICKET_SUBPAGE = /^routes\/tickets\.\$ticketId\.(_index|[a-z-]+)$/;

function ruleFor(id: string): Rule | undefined {
  return RULES[id] ?? (TICKET_SUBPAGE.test(id) ? { kind: "ticket" } : undefined);
}

/** Another Technopark with its own program, ticket, monitor and an uploaded document, for foreign cases. */
function seedForeignTechnopark() {
  const d = db();
  const now = new Date().toISOString().replace("Z", "+00:00");
  const id = (p: string) => `${p}${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const tp = id("tp");
  d.prepare(
    `INSERT INTO Organization (id, kind, name, businessNumber, address, region, createdAt, updatedAt) VALUES (?, 'technopark', '충북테크노파크', '3018212345', '충청북도 청주시', '충청북도', ?, ?)`,
  ).run(tp, now, now);
  const monitor = id("us");
  d.prepare(
    `INSERT INTO User (id, email, name, passwordHash, role, organizationId, createdAt, updatedAt, emailVerifiedAt) VALUES (?, 'monitor2@other.kr', '타기관 담당', ?, 'monitor', ?, ?, ?, ?)`,
  ).run(monitor, bcrypt.hashSync("demo1234!", 10), tp, now, now, now);
  const program = d.prepare(`SELECT * FROM Program LIMIT 1`).get() as Record<string, unknown>;
  const otherProgram = id("pg");
  d.prepare(
    `INSERT INTO Program (id, name, year, noticeNumber, technoparkId, subsidyRateBp, subsidyCap, subsidyBudget, capacity, baseMonths, maxExtensionMonths, planDueDays, revisionDueDays, passMark, documentValidityMonths, region, localProgramSinceYear, intakeOpensOn, createdAt, updatedAt)
     SELECT ?, '2024년 충북 AS지원사업', year, '충북 공고 제2024-1호', ?, subsidyRateBp, subsidyCap, subsidyBudget, capacity, baseMonths, maxExtensionMonths, planDueDays, revisionDueDays, passMark, documentValidityMonths, '충청북도', localProgramSinceYear, intakeOpensOn, ?, ? FROM Program WHERE id = ?`,
  ).run(otherProgram, tp, now, now, program.id);
  // a document with a file on AS-…-0006 (미래식품 × 넥스트엠이에스)
  const t6 = d.prepare(`SELECT id FROM Ticket WHERE number = '${AS}0006'`).get() as { id: string };
  const fileId = id("fl");
  const rel = `files/2026/${fileId}.pdf`;
  fs.mkdirSync(path.join(e2eDir(), "files", "2026"), { recursive: true });
  const bytes = Buffer.from("%PDF-1.4\n% 0006 사업자등록증\n");
  fs.writeFileSync(path.join(e2eDir(), rel), bytes);
  const uploader = d.prepare(`SELECT id FROM User WHERE email = 'maker3@demo.kr'`).get() as { id: string };
  d.prepare(
    `INSERT INTO StoredFile (id, sha256, size, mimeType, originalName, storagePath, uploadedById, createdAt) VALUES (?, ?, ?, 'application/pdf', '사업자등록증.pdf', ?, ?, ?)`,
  ).run(fileId, crypto.createHash("sha256").update(bytes).digest("hex"), bytes.length, rel, uploader.id, now);
  d.prepare(
    `INSERT INTO ApplicationDocument (id, ticketId, kind, issuedOn, fileId, attachedAtApplication, uploadedById, createdAt) VALUES (?, ?, 'business_registration', '2026-11-01', ?, 1, ?, ?)`,
  ).run(id("dc"), t6.id, fileId, uploader.id, now);
  // a question on AS-…-0006 with a file on its message (문의: only the ticket's parties may download it)
  const messageFileId = id("fl");
  const messageRel = `files/2026/${messageFileId}.pdf`;
  const messageBytes = Buffer.from("%PDF-1.4\n% 0006 문의 첨부\n");
  fs.writeFileSync(path.join(e2eDir(), messageRel), messageBytes);
  d.prepare(
    `INSERT INTO StoredFile (id, sha256, size, mimeType, originalName, storagePath, uploadedById, createdAt) VALUES (?, ?, ?, 'application/pdf', '문의 첨부.pdf', ?, ?, ?)`,
  ).run(messageFileId, crypto.createHash("sha256").update(messageBytes).digest("hex"), messageBytes.length, messageRel, uploader.id, now);
  const question = id("qu");
  d.prepare(
    `INSERT INTO TicketQuestion (id, ticketId, authorId, fromRole, toRole, subject, createdAt, updatedAt) VALUES (?, ?, ?, 'manufacturer', 'supplier', '타 기관 문의', ?, ?)`,
  ).run(question, t6.id, uploader.id, now, now);
  const message = id("ms");
  d.prepare(
    `INSERT INTO TicketMessage (id, questionId, authorId, authorRole, body, createdAt) VALUES (?, ?, ?, 'manufacturer', '문의 본문', ?)`,
  ).run(message, question, uploader.id, now);
  d.prepare(`INSERT INTO Attachment (id, fileId, purpose, messageId) VALUES (?, ?, 'other', ?)`).run(id("at"), messageFileId, message);
  // the plan form of a version, the signed quote and a draft's plan form on AS-…-0008 (maker2 × vendor2; issue 17, ADR 038)
  const t8 = d.prepare(`SELECT id FROM Ticket WHERE number = '${AS}0008'`).get() as { id: string };
  const planFiles = ["수행계획서 양식", "견적서 서명본", "임시저장 양식"].map((name) => {
    const planFileId = id("fl");
    const planRel = `files/2026/${planFileId}.pdf`;
    const planBytes = Buffer.from(`%PDF-1.4\n% 0008 ${name}\n`);
    fs.writeFileSync(path.join(e2eDir(), planRel), planBytes);
    d.prepare(
      `INSERT INTO StoredFile (id, sha256, size, mimeType, originalName, storagePath, uploadedById, createdAt) VALUES (?, ?, ?, 'application/pdf', ?, ?, ?, ?)`,
    ).run(planFileId, crypto.createHash("sha256").update(planBytes).digest("hex"), planBytes.length, `${name}.pdf`, planRel, uploader.id, now);
    return planFileId;
  });
  d.prepare(`UPDATE ExecutionPlan SET formFileId = ? WHERE ticketId = ?`).run(planFiles[0], t8.id);
  d.prepare(`UPDATE Quote SET signedFileId = ? WHERE ticketId = ?`).run(planFiles[1], t8.id);
  d.prepare(
    `INSERT INTO PlanDraft (id, ticketId, scope, staff, milestones, formFileId, savedById, version, updatedAt, createdAt) VALUES (?, ?, '', '', '[]', ?, ?, 1, ?, ?)`,
  ).run(id("pd"), t8.id, planFiles[2], uploader.id, now, now);
  return { program: program.id as string, otherProgram, fileId, messageFileId, planFiles };
}

/** A checksum of every table a request could change. */
function databaseChecksum(): string {
  const d = db();
  const tables = (
    d
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('Session', '_prisma_migrations') AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  const hash = crypto.createHash("sha256");
  for (const t of tables) hash.update(t).update(JSON.stringify(d.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()));
  return hash.digest("hex");
}

async function signedIn(baseURL: string, email: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const response = await context.post("/login", { form: { email, password: "demo1234!", redirectTo: "/" }, maxRedirects: 0 });
  expect(response.status(), `sign-in ${email}`).toBe(302);
  return context;
}

test("every route × every role × a foreign organisation's resource is refused", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const routes = await routeTable();
  // the ticket's steps are children of its layout: their URLs are the layout's path + their own
  expect(routes.find((r) => r.id === "routes/tickets.$ticketId.quote")?.path).toBe("tickets/:ticketId/quote");
  expect(routes.find((r) => r.id === "routes/tickets.$ticketId._index")?.path).toBe("tickets/:ticketId");
  const missing = routes.filter((r) => !ruleFor(r.id)).map((r) => r.id);
  expect(missing, "routes without an isolation rule: add one to RULES").toEqual([]);

  const foreign = seedForeignTechnopark();
  const tickets = Object.fromEntries(
    (
      db().prepare(`SELECT id, number, title FROM Ticket WHERE number IN ('${AS}0003', '${AS}0005', '${AS}0006')`).all() as {
        id: string;
        number: string;
        title: string;
      }[]
    ).map((t) => [t.number, t]),
  );
  // What each role may not read: AS-…-0006 (미래식품 × 넥스트엠이에스) and the draft AS-…-0003
  // (대성플라스틱 × 스마트팩토리솔루션); the other Technopark's monitor may read nothing of this program.
  // The evaluator (assigned AS-…-0005) and the agency (assigned AS-…-0006, whose document and question
  // files are not of its step) read nothing of another ticket, and of their own only their step's pages
  // (ADR 029): `own` is their ticket, `pages` the pages of it they may open.
  const actors: { email: string; role: string; foreign?: string[]; own?: string; pages?: string[] }[] = [
    { email: "maker1@demo.kr", role: "manufacturer" },
    { email: "vendor1@demo.kr", role: "supplier" },
    { email: "monitor2@other.kr", role: "monitor" },
    { email: "evaluator@demo.kr", role: "evaluator", own: `${AS}0005`, pages: ["", "documents", "evaluation", "conflict"] },
    {
      email: "cost@demo.kr",
      role: "cost_agency",
      foreign: [`${AS}0005`, `${AS}0003`],
      own: `${AS}0006`,
      pages: ["", "quote", "plan", "cost-review", "conflict"],
    },
  ];
  const foreignOf = (actor: (typeof actors)[number]) => (actor.foreign ?? [`${AS}0006`, `${AS}0003`]).map((n) => tickets[n]);
  // and the subject of the question on AS-…-0006 (the questions page of a foreign ticket shows nothing)
  const secretsOf = (actor: (typeof actors)[number]) => [...foreignOf(actor).map((t) => t.title), "타 기관 문의"];
  /** A page of its own ticket an expert may not open (its step's pages excepted): the same refusal as a foreign ticket. */
  const ownRefused = (actor: (typeof actors)[number], routePath: string) => {
    if (!actor.own || !actor.pages) return [];
    // a PDF under a page (evaluation/evaluation-sheet.pdf) is that page's, as ticketPageOf reads it
    const page = routePath.replace(/^tickets\/:ticketId\/?/, "").split("/")[0];
    return actor.pages.includes(page) ? [] : [`/${routePath.replace(":ticketId", tickets[actor.own].id)}`];
  };

  // sign in first: a sign-in itself writes (session, last sign-in time)
  const apis = new Map<string, APIRequestContext>();
  for (const actor of actors) apis.set(actor.email, await signedIn(baseURL!, actor.email));
  const before = databaseChecksum();
  const failures: string[] = [];
  let cases = 0;
  const refused = (status: number) => status === 403 || status === 404;

  for (const actor of actors) {
    const api = apis.get(actor.email)!;
    const foreignTickets = foreignOf(actor);
    const secrets = secretsOf(actor);
    for (const route of routes) {
      const rule = ruleFor(route.id)!;
      const urls: string[] =
        rule.kind === "ticket"
          ? foreignTickets.map((t) => `/${route.path.replace(":ticketId", t.id)}`)
          : rule.kind === "program" || rule.kind === "program-form"
            ? [
                // a manufacturer may have the forms of its own region's program: it asks for the other region's
                `/${route.path.replace(":programId", rule.kind === "program-form" && actor.role === "manufacturer" ? foreign.otherProgram : foreign.program)}`,
              ]
            : rule.kind === "file"
              ? [foreign.fileId, foreign.messageFileId, ...foreign.planFiles].map((fileId) => `/${route.path.replace(":fileId", fileId)}`)
              : rule.kind === "tp-admin-only" || rule.kind === "demo-only"
                ? [`/${route.path}`]
                : rule.kind === "monitor-only" && actor.role !== "monitor"
                  ? [`/${route.path}`]
                  : rule.kind === "own-only"
                    ? [`/${route.path}`]
                    : [];
      // the file of AS-…-0006 is foreign to every one of these actors; the program only to the other monitor
      if (rule.kind === "ticket") urls.push(...ownRefused(actor, route.path));
      if ((rule.kind === "program" || rule.kind === "program-form") && actor.role === "monitor") {
        // the other Technopark's monitor asks for the demo program
        urls.splice(
          0,
          urls.length,
          `/${route.path.replace(":programId", (db().prepare(`SELECT id FROM Program WHERE noticeNumber = '${DEMO_NOTICE}'`).get() as { id: string }).id)}`,
        );
      }
      for (const url of urls) {
        if (rule.kind === "own-only") {
          // allowed to open, but no foreign ticket may appear in it
          if (!route.loader) continue;
          const response = await api.get(url, { maxRedirects: 0 });
          cases++;
          const body = await response.text();
          for (const secret of secrets)
            if (body.includes(secret)) failures.push(`${actor.email} GET ${url} shows a foreign ticket ("${secret}")`);
          continue;
        }
        if (route.loader) {
          for (const variant of [url, `${url}.data`]) {
            const response = await api.get(variant, { maxRedirects: 0 });
            cases++;
            const body = await response.text();
            if (!refused(response.status())) failures.push(`${actor.email} GET ${variant} → ${response.status()}`);
            for (const secret of secrets) if (body.includes(secret)) failures.push(`${actor.email} GET ${variant} leaks "${secret}"`);
          }
        }
        if (route.action) {
          const response = await api.post(url, {
            form: { intent: "transition", action: "withdraw", version: "1", reason: "침입 시도", note: "침입 시도", months: "1", amount: "1" },
            maxRedirects: 0,
          });
          cases++;
          if (!refused(response.status())) failures.push(`${actor.email} POST ${url} → ${response.status()}`);
        }
      }
    }
    await api.dispose();
  }
  expect(failures).toEqual([]);
  expect(databaseChecksum(), "a refused request changed the database").toBe(before);
  console.log(
    `tenant-isolation matrix: ${routes.length} routes × ${actors.length} roles → ${cases} direct requests, all refused without data or change`,
  );
  test.info().annotations.push({ type: "cases", description: String(cases) });
});
