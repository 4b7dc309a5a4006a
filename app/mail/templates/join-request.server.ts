// 가입 요청: to each admin of an organisation, when a person who registered with its 사업자등록번호 has
// confirmed their address — who asks, and where the admin approves or refuses.
import { renderMail, SITE_NAME, type MailContent } from "../layout.server";

export const ORGANIZATION_PAGE_PATH = "/organization";

export type JoinRequestMail = { adminName: string; organizationName: string; requester: { name: string; email: string; phone: string | null } };

export function joinRequestMail(input: JoinRequestMail): MailContent {
  const { requester } = input;
  const contact = requester.phone ? `${requester.email}, ${requester.phone}` : requester.email;
  return renderMail({
    subject: `${input.organizationName} 가입 요청: ${requester.name}`,
    greeting: `${input.adminName} 님, 안녕하세요.`,
    lines: [
      `${requester.name}(${contact}) 님이 ${SITE_NAME}(스마트공장 사후관리 지원사업)에서 ${input.organizationName}의 사업자등록번호로 가입하며 조직 가입을 요청했습니다.`,
      "조직 관리 화면에서 승인하거나 거절해 주세요. 승인하면 이 사람이 회사의 과제를 볼 수 있게 됩니다. 모르는 사람이면 거절하세요.",
    ],
    action: { label: "가입 요청 확인하기", path: ORGANIZATION_PAGE_PATH },
    footer: `이 메일은 ${input.organizationName}의 관리자(${SITE_NAME})에게 보내드렸습니다. 이 주소로는 회신을 받지 않습니다.`,
  });
}
