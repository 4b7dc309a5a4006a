// The answer to a request to join an existing organisation (approved or refused by its admin).
import { renderMail, type MailContent } from "../layout.server";

export function joinDecisionMail(input: { name: string; organizationName: string; approved: boolean }): MailContent {
  return input.approved
    ? renderMail({
        subject: `${input.organizationName} 가입이 승인되었습니다`,
        greeting: `${input.name} 님, 안녕하세요.`,
        lines: [`${input.organizationName}의 관리자가 가입 요청을 승인했습니다.`, "이제 로그인하면 회사의 과제를 볼 수 있습니다."],
        action: { label: "로그인하기", path: "/login" },
      })
    : renderMail({
        subject: `${input.organizationName} 가입 요청이 거절되었습니다`,
        greeting: `${input.name} 님, 안녕하세요.`,
        lines: [
          `${input.organizationName}의 관리자가 가입 요청을 거절했습니다.`,
          "회사의 관리자에게 문의하시거나, 관리자에게 초대 메일을 보내 달라고 요청하세요.",
        ],
      });
}
