// The invitation: names the organisation and who invited, what the person will be, and how long the link works.
import { renderMail, type MailContent } from "../layout.server";
import { josa } from "~/domain";

export type InvitationMail = {
  organizationName: string;
  inviterName: string;
  /** e.g. "도입기업 구성원", "운영기관(TP) 관리자" */
  roleLabel: string;
  token: string;
  validDays: number;
};

export function invitationMail(input: InvitationMail): MailContent {
  return renderMail({
    subject: `${input.organizationName}에서 초대했습니다`,
    greeting: "안녕하세요.",
    lines: [
      `${input.inviterName} 님이 ${input.organizationName}의 ${josa(input.roleLabel, "으로", "로")} AS 트래커에 초대했습니다.`,
      `아래 버튼을 눌러 이름, 연락처, 비밀번호를 정하면 바로 ${input.organizationName}의 과제를 함께 볼 수 있습니다.`,
      `이 링크는 ${input.validDays}일 동안 한 번만 쓸 수 있습니다. 기한이 지났다면 ${input.inviterName} 님께 다시 초대해 달라고 요청하세요.`,
    ],
    action: { label: "초대 수락하기", path: `/invitations/${input.token}` },
    footer: `${input.organizationName}의 관리자가 이 주소로 초대를 보냈습니다. 초대받을 일이 없다면 이 메일을 무시하셔도 됩니다. 이 주소로는 회신을 받지 않습니다.`,
  });
}
