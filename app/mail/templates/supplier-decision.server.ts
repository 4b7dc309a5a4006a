// The Technopark's decision on a supplier's registration (approval, or refusal with its reason).
import { renderMail, type MailContent } from "../layout.server";
import { josa } from "~/domain";

export function supplierDecisionMail(input: {
  name: string;
  organizationName: string;
  technoparkName: string;
  approved: boolean;
  reason?: string | null;
}): MailContent {
  return input.approved
    ? renderMail({
        subject: `${input.organizationName} 공급기업 등록이 승인되었습니다`,
        greeting: `${input.name} 님, 안녕하세요.`,
        lines: [
          `${josa(input.technoparkName, "이", "가")} ${input.organizationName}의 공급기업 등록을 승인했습니다.`,
          "이제 도입기업이 AS 신청서에서 귀사를 공급기업으로 지정할 수 있고, 배정된 과제는 로그인하면 볼 수 있습니다.",
        ],
        action: { label: "로그인하기", path: "/login" },
      })
    : renderMail({
        subject: `${input.organizationName} 공급기업 등록이 반려되었습니다`,
        greeting: `${input.name} 님, 안녕하세요.`,
        lines: [
          `${josa(input.technoparkName, "이", "가")} ${input.organizationName}의 공급기업 등록을 반려했습니다.`,
          `반려 사유: ${input.reason ?? "-"}`,
          `궁금한 점은 ${input.technoparkName}에 문의해 주세요.`,
        ],
      });
}
