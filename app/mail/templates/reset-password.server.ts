// 비밀번호 재설정: the site, who asked (this address), until when the link works (Asia/Seoul) and the link itself.
import { seoulTime } from "../mailbox.server";
import { renderMail, SITE_NAME, type MailContent } from "../layout.server";

export type ResetPasswordMail = { name: string; token: string; expiresAt: Date };

export function resetPasswordMail(input: ResetPasswordMail): MailContent {
  return renderMail({
    subject: "비밀번호 재설정 링크",
    greeting: `${input.name} 님, 안녕하세요.`,
    lines: [
      `${SITE_NAME}(스마트공장 사후관리 지원사업) 로그인 화면에서 이 주소의 비밀번호 재설정을 요청했습니다.`,
      `아래 버튼을 눌러 새 비밀번호를 정하세요. 이 링크는 ${seoulTime(input.expiresAt)}(한국 시간)까지, 한 번만 쓸 수 있습니다. 새 비밀번호를 정하면 이 계정으로 로그인된 모든 기기에서 로그아웃됩니다.`,
      "요청한 적이 없다면 이 메일을 무시하세요. 비밀번호는 바뀌지 않습니다.",
    ],
    action: { label: "새 비밀번호 정하기", path: `/reset-password/${input.token}` },
  });
}
