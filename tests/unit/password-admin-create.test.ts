// The production bootstrap (npm run admin:create) against a real SQLite file: the Technopark is created
// once, the invitation (monitor + admin, 7 days) is a hashed single-use token with its mail in the outbox,
// and bad input or an existing account is refused in Korean; the CLI prints the link without SMTP_URL.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase, testDatabaseFile } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { hashToken } from "~/auth/tokens.server";
import { bootstrapTechnoparkAdmin } from "~/models/technopark-bootstrap.server";

beforeAll(() => databaseReady());
afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

const input = { email: "Admin@GTP.kr", name: "홍길동", org: "경기테크노파크", businessNumber: "220-81-62517", region: "경기도" };

describe("bootstrapTechnoparkAdmin", () => {
  it("creates the Technopark and an admin invitation mailed through the outbox", async () => {
    const result = await bootstrapTechnoparkAdmin(input);
    expect(result.organizationCreated).toBe(true);
    const org = await prisma.organization.findUniqueOrThrow({ where: { id: result.organizationId } });
    expect(org).toMatchObject({ kind: "technopark", name: "경기테크노파크", businessNumber: "2208162517", region: "경기도", status: "active" });
    const raw = /\/invitations\/([A-Za-z0-9_-]{43})$/.exec(result.link)![1];
    const token = await prisma.emailToken.findUniqueOrThrow({ where: { tokenHash: hashToken(raw) } });
    expect(token).toMatchObject({
      purpose: "invitation",
      email: "admin@gtp.kr",
      organizationId: org.id,
      role: "monitor",
      makeAdmin: true,
      usedAt: null,
    });
    const mail = await prisma.outboxMail.findFirstOrThrow({ where: { toEmail: "admin@gtp.kr", kind: "invitation" } });
    expect(mail.text).toContain(result.link);
    expect(mail.text).toContain("경기테크노파크");
  });

  it("a second run for another person reuses the Technopark", async () => {
    const result = await bootstrapTechnoparkAdmin({ ...input, email: "second@gtp.kr" });
    expect(result.organizationCreated).toBe(false);
    expect(await prisma.organization.count({ where: { businessNumber: "2208162517" } })).toBe(1);
  });

  it("refuses a bad business number, an unknown region and an address that already has an account, in Korean", async () => {
    await expect(bootstrapTechnoparkAdmin({ ...input, email: "x@gtp.kr", businessNumber: "1234567890" })).rejects.toThrow(
      "사업자등록번호가 올바르지 않습니다",
    );
    await expect(bootstrapTechnoparkAdmin({ ...input, email: "x@gtp.kr", region: "경기" })).rejects.toThrow("시·도 중 하나");
    const org = await prisma.organization.findFirstOrThrow({ where: { kind: "technopark" } });
    await prisma.user.create({ data: { email: "taken@gtp.kr", name: "기존", passwordHash: "x", role: "monitor", organizationId: org.id } });
    await expect(bootstrapTechnoparkAdmin({ ...input, email: "taken@gtp.kr" })).rejects.toThrow("이미 가입된 이메일입니다");
    expect(await prisma.emailToken.count({ where: { email: { in: ["x@gtp.kr", "taken@gtp.kr"] } } })).toBe(0);
  });
});

describe("npm run admin:create", () => {
  it("without SMTP_URL prints the link; a refusal exits 1 with the Korean reason", () => {
    const env = { ...process.env, DATABASE_URL: `file:${testDatabaseFile}`, SMTP_URL: "", APP_URL: "https://as.example.kr" };
    const args = [
      "tsx",
      "scripts/admin-create.ts",
      "--email",
      "cli@gtp.kr",
      "--name",
      "김운영",
      "--org",
      "경기테크노파크",
      "--business-number",
      "2208162517",
      "--region",
      "경기도",
    ];
    const out = execFileSync("npx", args, { env, encoding: "utf8" });
    expect(out).toMatch(/https:\/\/as\.example\.kr\/invitations\/[A-Za-z0-9_-]{43}/);
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync("npx", [...args.slice(0, -1), "경기"], { env, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toContain("--region: 시·도 중 하나여야 합니다");
    expect(failure?.stderr).not.toContain("    at ");
  });
});
