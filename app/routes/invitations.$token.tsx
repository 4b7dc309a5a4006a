// The mailed invitation (/invitations/<token>): while the link is usable, the invited person sets their
// name, phone and password and is signed in as a member of the organisation (the link proved the address).
// An expired, used, forged link — or one whose organisation can no longer be joined, or whose address got
// an account meanwhile — is a Korean page saying what happened and what to do next.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { LinkRefused } from "~/components/link-refused";
import { z } from "zod";
import { createUserSession } from "~/auth/session.server";
import { NEW_PASSWORD_HINT, PasswordInput, type PasswordFieldErrors } from "~/components/password-fields";
import { Field, StepForm, useStepForm } from "~/components/step-form";
import { isDomainError, josa } from "~/domain";
import { InvitationRefused, acceptInvitation, viewInvitation } from "~/models/membership.server";
import { readForm } from "~/utils/forms.server";
import { INVITATION_VALID_DAYS } from "~/utils/membership";
import { readNewPassword } from "~/utils/password-form.server";
import { parseStepForm } from "~/utils/ticket-step.server";
import type { StepReply } from "~/utils/step-reply";
import { toastHeader } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "초대 수락 · 스마트공장 AS 트래커" }];

type Refusal = InvitationRefused["reason"];

const REFUSALS: Record<Refusal, { title: string; text: string }> = {
  expired: {
    title: "초대 링크의 유효 기간이 지났습니다",
    text: `초대 링크는 보낸 날부터 ${INVITATION_VALID_DAYS}일 동안만 쓸 수 있습니다. 초대한 관리자에게 새 초대 메일을 보내 달라고 요청해 주세요.`,
  },
  used: {
    title: "이미 사용했거나 취소된 초대 링크입니다",
    text: "초대 링크는 한 번만 쓸 수 있고, 다시 초대하거나 초대를 취소하면 이전 링크는 쓸 수 없습니다. 이미 가입하셨다면 로그인해 주세요. 아니라면 관리자에게 새 초대를 요청해 주세요.",
  },
  unknown: {
    title: "올바른 초대 링크가 아닙니다",
    text: "메일에 있는 링크를 잘리지 않게 그대로 열었는지 확인해 주세요. 계속 열리지 않으면 관리자에게 새 초대를 요청해 주세요.",
  },
  inactive: {
    title: "이 초대로는 더 이상 가입할 수 없습니다",
    text: "초대한 조직이 더 이상 서비스를 이용하지 않습니다. 조직의 담당자에게 문의해 주세요.",
  },
  taken: {
    title: "이미 가입된 이메일입니다",
    text: "이 이메일로 만든 계정이 이미 있어 새 계정을 만들 수 없습니다. 로그인하시거나, 비밀번호가 기억나지 않으면 비밀번호를 재설정해 주세요.",
  },
};

// 410: the link existed and can no longer be used; 404: there is no such link; 409: the address has an account.
const STATUS: Record<Refusal, number> = { expired: 410, used: 410, inactive: 410, unknown: 404, taken: 409 };

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await viewInvitation(params.token ?? "");
  if (!view.ok) return data({ refused: view.reason, invitation: null }, { status: STATUS[view.reason] });
  return { refused: null, invitation: view };
}

const AcceptSchema = z.object({
  name: z.string({ error: "이름을 입력해 주세요." }).trim().min(1, "이름을 입력해 주세요.").max(50, "이름은 50자까지 쓸 수 있습니다."),
  phone: z
    .string({ error: "연락처를 입력해 주세요." })
    .trim()
    .regex(/^[0-9+\-() ]{7,20}$/, "연락처는 숫자와 - 로 입력해 주세요. 예: 010-1234-5678"),
});

type ActionData = StepReply & { refused?: Refusal; passwordErrors?: PasswordFieldErrors };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const submission = parseStepForm(form, AcceptSchema);
  const password = readNewPassword(form);
  // the password's errors go into the form's reply too (Conform's result carries every message of a refusal)
  const refuse = (passwordErrors: PasswordFieldErrors) =>
    data<ActionData>({ result: submission.reply({ fieldErrors: passwordErrors }), form: "accept", passwordErrors }, { status: 400 });
  if (submission.status !== "success" || !password.ok) return refuse(password.ok ? {} : password.errors);
  try {
    const { userId } = await acceptInvitation(params.token ?? "", { ...submission.value, password: password.password });
    const signedIn = await createUserSession({ userId, redirectTo: "/", request });
    signedIn.headers.append("Set-Cookie", await toastHeader("가입했습니다. 조직의 과제를 함께 볼 수 있습니다."));
    return signedIn;
  } catch (error) {
    if (error instanceof InvitationRefused) {
      const result = submission.reply({ formErrors: [REFUSALS[error.reason].title] });
      return data<ActionData>({ result, refused: error.reason }, { status: STATUS[error.reason] });
    }
    if (isDomainError(error) && error.code === "weak_password") return refuse({ password: [...error.reasons] });
    throw error;
  }
}

const NEXT_STEPS = [
  { to: "/login", label: "로그인" },
  { to: "/forgot-password", label: "비밀번호 재설정" },
];

export default function AcceptInvitation() {
  const { refused, invitation } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { fields, props } = useStepForm({ id: "accept", schema: AcceptSchema, reply });
  const reason: Refusal | null = reply?.refused ?? refused;
  if (reason || !invitation) return <LinkRefused {...REFUSALS[reason ?? "unknown"]} links={NEXT_STEPS} />;
  return (
    <div className="login-wrap">
      <div className="card">
        <h1>{invitation.organizationName}에 합류하기</h1>
        <p className="muted">
          {invitation.inviterName ? `${invitation.inviterName} 님이 ` : ""}
          <strong>{invitation.email}</strong> 주소로 {invitation.organizationName}의 {josa(invitation.roleLabel, "으로", "로")} 초대했습니다.
          이름과 연락처, 비밀번호를 정하면 바로 로그인됩니다.
        </p>
        <StepForm {...props} className="" title="초대 수락">
          <input type="hidden" name="username" autoComplete="username" value={invitation.email} />
          <Field meta={fields.name} label="이름" autoComplete="name" />
          <Field meta={fields.phone} label="연락처" type="tel" autoComplete="tel" />
          <PasswordInput
            name="password"
            label="비밀번호"
            autoComplete="new-password"
            errors={reply?.passwordErrors?.password}
            hint={NEW_PASSWORD_HINT}
          />
          <PasswordInput
            name="passwordConfirm"
            label="비밀번호 확인"
            autoComplete="new-password"
            errors={reply?.passwordErrors?.passwordConfirm}
          />
          <button type="submit">가입하고 시작하기</button>
        </StepForm>
      </div>
    </div>
  );
}
