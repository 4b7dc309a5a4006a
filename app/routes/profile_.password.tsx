// 비밀번호 변경 (/profile/password), for every signed-in person: the current password (checked through the
// sign-in throttle, so a left-open session cannot be used to guess it), the new one under the policy; every
// other session of the account ends, this one stays.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { readSessionId, requireActor } from "~/auth/session.server";
import { attemptSignIn } from "~/auth/throttle.server";
import { holdMessage } from "~/auth/throttle-rules";
import { NEW_PASSWORD_HINT, PasswordInput, type PasswordFieldErrors } from "~/components/password-fields";
import { changePassword } from "~/models/password.server";
import { readForm } from "~/utils/forms.server";
import { requestOrigin } from "~/utils/log.server";
import { formText, readNewPassword } from "~/utils/password-form.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "비밀번호 변경 · 스마트공장 AS 트래커" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return { email: actor.email };
}

type ActionData = { fieldErrors: PasswordFieldErrors };

/** The current password, as at sign-in: a wrong one counts toward the account's hold. */
async function currentPasswordError(email: string, userId: string, current: string, request: Request): Promise<string | null> {
  if (!current) return "지금 쓰는 비밀번호를 입력해 주세요.";
  const outcome = await attemptSignIn(email, current, request);
  if (outcome.ok && outcome.userId === userId) return null;
  return !outcome.ok && outcome.heldUntil ? holdMessage(outcome.heldUntil) : "지금 비밀번호가 올바르지 않습니다.";
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await readForm(request);
  const current = formText(form, "current");
  const input = readNewPassword(form);
  const currentError = await currentPasswordError(actor.email, actor.userId, current, request);
  if (currentError) return data<ActionData>({ fieldErrors: { current: [currentError] } }, { status: 400 });
  if (!input.ok) return data<ActionData>({ fieldErrors: input.errors }, { status: 400 });
  if (input.password === current)
    return data<ActionData>({ fieldErrors: { password: ["새 비밀번호가 지금 비밀번호와 같습니다."] } }, { status: 400 });
  const sessionId = await readSessionId(request.headers.get("Cookie"));
  const result = await changePassword(actor, sessionId, input.password, requestOrigin(request));
  if (!result.ok) return data<ActionData>({ fieldErrors: { password: result.problems } }, { status: 400 });
  const others = result.endedSessions > 0 ? ` 다른 기기의 로그인 ${result.endedSessions}곳을 끝냈습니다.` : "";
  return redirectWithToast("/profile/password", `비밀번호를 바꿨습니다.${others}`);
}

export default function ChangePassword() {
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="card narrow">
      <h1>비밀번호 변경</h1>
      <p className="muted">비밀번호를 바꾸면 이 브라우저를 뺀 다른 모든 기기에서 로그아웃됩니다.</p>
      <Form method="post" noValidate>
        <input type="hidden" name="username" autoComplete="username" value={email} />
        <PasswordInput name="current" label="지금 비밀번호" autoComplete="current-password" errors={result?.fieldErrors.current} />
        <PasswordInput
          name="password"
          label="새 비밀번호"
          autoComplete="new-password"
          errors={result?.fieldErrors.password}
          hint={NEW_PASSWORD_HINT}
        />
        <PasswordInput
          name="passwordConfirm"
          label="새 비밀번호 확인"
          autoComplete="new-password"
          errors={result?.fieldErrors.passwordConfirm}
        />
        <button type="submit" disabled={busy}>
          {busy ? "바꾸는 중…" : "비밀번호 바꾸기"}
        </button>
      </Form>
    </div>
  );
}
