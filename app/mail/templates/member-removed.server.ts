// Told to a person whose access ended: removed by their organisation's admin, or their organisation deactivated.
import { renderMail, type MailContent } from "../layout.server";
import { josa } from "~/domain";

export function memberRemovedMail(input: { name: string; organizationName: string; by: string; reason?: string | null }): MailContent {
  return renderMail({
    subject: `${input.organizationName} 계정 사용이 중지되었습니다`,
    greeting: `${input.name} 님, 안녕하세요.`,
    lines: [
      `${josa(input.by, "이", "가")} ${input.organizationName}에서 회원님의 계정 사용을 중지했습니다. 로그인된 모든 기기에서 로그아웃되었습니다.`,
      ...(input.reason ? [`사유: ${input.reason}`] : []),
      "회원님이 작성한 과제 기록은 그대로 남습니다. 착오라면 소속 기관의 관리자에게 문의해 주세요.",
    ],
  });
}
