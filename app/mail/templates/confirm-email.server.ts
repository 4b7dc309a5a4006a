// 메일 주소 확인: the site, which organisation the person registered (or asked to join), until when the
// link works (Asia/Seoul) and the link itself.
import { seoulTime } from "../mailbox.server";
import { renderMail, SITE_NAME, type MailContent } from "../layout.server";
import { josa } from "~/domain";

export type ConfirmEmailMail = { name: string; organizationName: string; joining: boolean; token: string; expiresAt: Date };

export function confirmEmailMail(input: ConfirmEmailMail): MailContent {
  const what = input.joining
    ? `${input.organizationName}에 가입을 요청했습니다`
    : `${josa(input.organizationName, "을", "를")} 회원으로 등록했습니다`;
  return renderMail({
    subject: "메일 주소를 확인해 주세요",
    greeting: `${input.name} 님, 안녕하세요.`,
    lines: [
      `${SITE_NAME}(스마트공장 사후관리 지원사업)에 이 주소로 ${what}.`,
      `아래 버튼을 눌러 메일 주소를 확인해 주세요. 확인하기 전에는 다른 기능을 쓸 수 없습니다. 이 링크는 보낸 뒤 24시간 동안, ${seoulTime(input.expiresAt)}(한국 시간)까지 한 번만 쓸 수 있습니다.`,
      "가입한 적이 없다면 이 메일을 무시하세요. 확인하지 않은 주소로는 아무것도 할 수 없습니다.",
    ],
    action: { label: "메일 주소 확인하기", path: `/confirm-email/${input.token}` },
  });
}
