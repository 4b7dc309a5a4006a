// 회원가입 (public, linked from the sign-in page): a company registers as 도입기업 or 공급기업 with its
// 사업자등록번호, or — when the number is registered already — asks to join that organisation. The person
// is signed in at once, but sees only the "메일 주소를 확인해 주세요" page until the mailed link is used
// (ADR 020; app/models/account.server.ts).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { createUserSession, getSessionState } from "~/auth/session.server";
import { signUp } from "~/models/account.server";
import { readForm } from "~/utils/forms.server";
import { requestOrigin } from "~/utils/log.server";
import { SIGNUP_KIND_LABELS, SignUpSchema } from "~/utils/signup-schema";
import type { StepReply } from "~/utils/step-reply";
import { formName, parseStepForm } from "~/utils/ticket-step.server";
import { Field, FieldError, StepForm, useStepForm } from "~/components/step-form";
import { RegionSelect } from "~/components/organization-fields";
import { NEW_PASSWORD_HINT } from "~/components/password-fields";

export const meta: MetaFunction = () => [{ title: "회원가입 · 스마트공장 AS 트래커" }];

const EMAIL_TAKEN = "이미 가입된 이메일입니다.";
const NOT_JOINABLE =
  "이 사업자등록번호로는 회원가입으로 가입할 수 없습니다. 운영기관(테크노파크) 직원은 관리자의 초대로 가입하며, 그 밖의 경우 운영기관에 문의해 주세요.";
// Never sent back to the page, whatever was refused.
const HIDDEN_FIELDS = ["password", "passwordConfirm"];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionState(request)) return redirect("/");
  return null;
}

type ActionData = StepReply & { emailTaken?: true };

export async function action({ request }: ActionFunctionArgs) {
  // a signed-in person (or one mid-sign-up) registers nothing more: colleagues are invited by their admin
  if (await getSessionState(request)) return redirect("/");
  const form = await readForm(request);
  const submission = parseStepForm(form, SignUpSchema);
  const name = formName(form);
  if (submission.status !== "success") {
    return data<ActionData>({ result: submission.reply({ hideFields: HIDDEN_FIELDS }), form: name }, { status: 400 });
  }
  const { passwordConfirm: _confirm, ...input } = submission.value;
  const outcome = await signUp(input, requestOrigin(request));
  if (outcome.ok) return createUserSession({ userId: outcome.userId, redirectTo: "/confirm-email", request });
  if ("problems" in outcome) {
    return data<ActionData>(
      { result: submission.reply({ fieldErrors: { password: outcome.problems }, hideFields: HIDDEN_FIELDS }), form: name },
      { status: 400 },
    );
  }
  if (outcome.reason === "email_taken") {
    const result = submission.reply({ fieldErrors: { email: [EMAIL_TAKEN] }, hideFields: HIDDEN_FIELDS });
    return data<ActionData>({ result, form: name, emailTaken: true }, { status: 409 });
  }
  return data<ActionData>({ result: submission.reply({ formErrors: [NOT_JOINABLE], hideFields: HIDDEN_FIELDS }), form: name }, { status: 400 });
}

export default function SignUp() {
  const reply = useActionData<typeof action>();
  const { fields: f, props } = useStepForm({ id: "signup", schema: SignUpSchema, reply, defaultValue: { kind: "manufacturer" } });
  return (
    <div style={{ maxWidth: 760, margin: "2rem auto" }}>
      <h1>회원가입</h1>
      <p className="muted">
        회사를 등록하고 첫 담당자 계정을 만듭니다. 첫 담당자는 회사의 관리자가 되어 동료를 초대할 수 있습니다. 이미 등록된 사업자등록번호로
        가입하면 새 회사를 만들지 않고, 그 회사의 관리자에게 가입 승인을 요청합니다. 공급기업은 운영기관(테크노파크)의 승인을 받은 뒤에 과제에
        지정될 수 있습니다.
      </p>
      <StepForm {...props} title="회원가입">
        <fieldset className="field">
          <legend>기업 구분</legend>
          {(["manufacturer", "supplier"] as const).map((kind) => (
            <label key={kind} className="check">
              <input type="radio" name={f.kind.name} value={kind} defaultChecked={(f.kind.initialValue ?? "manufacturer") === kind} />{" "}
              {SIGNUP_KIND_LABELS[kind]}
            </label>
          ))}
          <FieldError meta={f.kind} />
        </fieldset>
        <h2>회사 정보</h2>
        <div className="grid-2">
          <Field meta={f.businessNumber} label="사업자등록번호" inputMode="numeric" placeholder="123-45-67890" autoComplete="off" />
          <Field meta={f.companyName} label="기업명" autoComplete="organization" />
          <Field meta={f.representative} label="대표자" />
          <RegionSelect meta={f.region} />
        </div>
        <Field meta={f.address} label="주소" autoComplete="street-address" hint="사업장 주소 (신청자격의 지역 요건을 확인할 때 씁니다)" />
        <h2>담당자</h2>
        <div className="grid-2">
          <Field meta={f.name} label="담당자 이름" autoComplete="name" />
          <Field meta={f.phone} label="연락처" type="tel" autoComplete="tel" placeholder="031-123-4567" />
        </div>
        <Field meta={f.email} label="이메일" type="email" autoComplete="email" hint="로그인 아이디입니다. 이 주소로 확인 메일을 보냅니다." />
        {reply?.emailTaken ? (
          <p className="notice" role="status">
            이 주소로 가입한 계정이 있다면 <Link to="/forgot-password">비밀번호 재설정</Link>으로 새 비밀번호를 정할 수 있습니다.
          </p>
        ) : null}
        <div className="grid-2">
          <Field meta={f.password} label="비밀번호" type="password" autoComplete="new-password" hint={NEW_PASSWORD_HINT} />
          <Field meta={f.passwordConfirm} label="비밀번호 확인" type="password" autoComplete="new-password" />
        </div>
        <div className="actions-bar">
          <button type="submit" disabled={props.pending}>
            {props.pending ? "가입하는 중…" : "가입하기"}
          </button>
        </div>
      </StepForm>
      <p className="muted">
        이미 계정이 있으신가요? <Link to="/login">로그인</Link>
      </p>
    </div>
  );
}
