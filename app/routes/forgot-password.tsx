// 비밀번호 재설정 요청 (linked from the sign-in page): one address in, always the same answer; the mail
// goes only to an account's address, at most a few per hour (app/models/password.server.ts).
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { EmailInput } from "~/components/email-input";
import { requestPasswordReset, RESET_REQUEST_ANSWER } from "~/models/password.server";
import { readForm } from "~/utils/forms.server";
import { requestOrigin } from "~/utils/log.server";
import { formText } from "~/utils/password-form.server";

export const meta: MetaFunction = () => [{ title: "비밀번호 재설정 · 스마트공장 AS 트래커" }];

const Email = z.string().trim().min(1, "이메일을 입력해 주세요.").max(254, "이메일이 너무 깁니다.").email("이메일 형식이 올바르지 않습니다.");

type ActionData = { answer?: string; fieldErrors?: { email: string[] }; email?: string };

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const email = formText(form, "email");
  const parsed = Email.safeParse(email);
  if (!parsed.success) return data<ActionData>({ fieldErrors: { email: [parsed.error.issues[0].message] }, email }, { status: 400 });
  await requestPasswordReset(parsed.data, requestOrigin(request));
  return data<ActionData>({ answer: RESET_REQUEST_ANSWER, email: parsed.data });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="login-wrap">
      <div className="card">
        <h1>비밀번호 재설정</h1>
        {result?.answer ? (
          <p className="notice" role="status">
            {result.answer}
          </p>
        ) : (
          <p className="muted">가입할 때 쓴 이메일 주소를 입력하면 새 비밀번호를 정하는 링크를 메일로 보내 드립니다.</p>
        )}
        <Form method="post" noValidate>
          <EmailInput defaultValue={result?.email} error={result?.fieldErrors?.email[0]} />
          <button type="submit" disabled={busy}>
            {busy ? "보내는 중…" : result?.answer ? "링크 다시 받기" : "재설정 링크 받기"}
          </button>
        </Form>
        <p>
          <Link to="/login">로그인으로 돌아가기</Link>
        </p>
      </div>
    </div>
  );
}
