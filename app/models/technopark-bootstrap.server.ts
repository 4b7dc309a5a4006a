// The first Technopark admin of a production database (`npm run admin:create`, docs/decisions/022): with
// DEMO_MODE=off nothing is seeded, so somebody must be able to sign in first. Creates the Technopark
// organisation when missing and an invitation (a monitor who is the organisation's admin), mailed through
// the outbox in the same transaction; the link itself is returned so the operator can hand it over when
// mail is not configured.
import { z } from "zod";
import { prisma } from "~/db.server";
import { isValidBusinessNumber, normalizeBusinessNumber, josa } from "~/domain";
import { issueToken } from "~/auth/tokens.server";
import { absoluteUrl } from "~/mail/config.server";
import { enqueueMail, normalizeAddress } from "~/mail/outbox.server";
import { invitationMail } from "~/mail/templates/invitation.server";
import { REGIONS } from "~/utils/profile-schema";
import { securityEvent } from "~/utils/log.server";

export const ADMIN_INVITATION_DAYS = 7;

export const BootstrapInput = z.object({
  email: z.string().trim().toLowerCase().email("--email: 이메일 형식이 올바르지 않습니다."),
  name: z.string().trim().min(1, "--name: 이름을 입력해 주세요.").max(50),
  org: z.string().trim().min(2, "--org: 기관 이름을 입력해 주세요.").max(100),
  businessNumber: z
    .string()
    .trim()
    .refine(isValidBusinessNumber, "--business-number: 사업자등록번호가 올바르지 않습니다(숫자 10자리, 검증번호 확인).")
    .transform((value) => normalizeBusinessNumber(value)!),
  region: z.enum(REGIONS, { error: `--region: 시·도 중 하나여야 합니다 (${REGIONS.join(", ")}).` }),
});
export type BootstrapInput = z.infer<typeof BootstrapInput>;

export type BootstrapResult = { organizationId: string; organizationCreated: boolean; link: string; expiresAt: Date };

/** Refusals the operator sees (Korean, no stack trace). */
export class BootstrapRefused extends Error {}

async function technoparkFor(tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0], input: BootstrapInput) {
  const existing = await tx.organization.findUnique({
    where: { businessNumber: input.businessNumber },
    select: { id: true, kind: true, name: true },
  });
  if (existing && existing.kind !== "technopark")
    throw new BootstrapRefused(
      `사업자등록번호 ${josa(input.businessNumber, "은", "는")} 운영기관이 아닌 기관(${existing.name})으로 이미 등록되어 있습니다.`,
    );
  if (existing) return { ...existing, created: false };
  const created = await tx.organization.create({
    data: {
      kind: "technopark",
      name: input.org,
      businessNumber: input.businessNumber,
      address: input.region,
      region: input.region,
      status: "active",
    },
    select: { id: true, kind: true, name: true },
  });
  return { ...created, created: true };
}

export async function bootstrapTechnoparkAdmin(raw: Record<string, unknown>): Promise<BootstrapResult> {
  const parsed = BootstrapInput.safeParse(raw);
  if (!parsed.success) throw new BootstrapRefused(parsed.error.issues.map((issue) => issue.message).join("\n"));
  const input = parsed.data;
  const result = await prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: normalizeAddress(input.email) }, select: { id: true } }))
      throw new BootstrapRefused(
        `${josa(input.email, "은", "는")} 이미 가입된 이메일입니다. 그 계정으로 로그인하거나 비밀번호 재설정을 쓰세요.`,
      );
    const technopark = await technoparkFor(tx, input);
    const ttlMs = ADMIN_INVITATION_DAYS * 24 * 60 * 60_000;
    const token = await issueToken(tx, {
      purpose: "invitation",
      email: input.email,
      organizationId: technopark.id,
      role: "monitor",
      makeAdmin: true,
      ttlMs,
    });
    await enqueueMail(tx, {
      kind: "invitation",
      to: { email: input.email },
      organizationId: technopark.id,
      content: invitationMail({
        organizationName: technopark.name,
        inviterName: "AS 트래커 운영자",
        roleLabel: "운영기관(TP) 관리자",
        token,
        validDays: ADMIN_INVITATION_DAYS,
      }),
    });
    const path = `/invitations/${token}`;
    return {
      organizationId: technopark.id,
      organizationCreated: technopark.created,
      link: absoluteUrl(path),
      expiresAt: new Date(Date.now() + ttlMs),
    };
  });
  securityEvent("admin.bootstrap_invitation", {
    email: input.email,
    name: input.name,
    organizationId: result.organizationId,
    organizationCreated: result.organizationCreated,
  });
  return result;
}
