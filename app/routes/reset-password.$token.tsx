// The mailed reset link (/reset-password/<token>): shows the form while the link is usable, a Korean page
// saying what happened when it is not (expired, used, unknown) with a way to get a new one. On success
// every session of the account ends and the person is signed in afresh here.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TokenRefusal } from "~/auth/tokens.server";
import { createUserSession } from "~/auth/session.server";
import { LinkRefused } from "~/components/link-refused";
import { NEW_PASSWORD_HINT, PasswordInput, type PasswordFieldErrors } from "~/components/password-fields";
import { readResetLink, resetPassword } from "~/models/password.server";
import { readForm } from "~/utils/forms.server";
import { requestOrigin } from "~/utils/log.server";
import { readNewPassword } from "~/utils/password-form.server";
import { toastHeader } from "~/utils/toast.server";

// The token is in this page's address: it must not travel on as a Referer, not even to our own assets.
export const meta: MetaFunction = () => [{ title: "새 비밀번호 정하기 · 스마트공장 AS 트래커" }, { name: "referrer", content: "no-referrer" }];

const REFUSALS: Record<TokenRefusal, { title: string; text: string }> = {
  expired: { title: "링크의 유효 시간이 지났습니다", text: "비밀번호 재설정 링크는 메일을 보낸 뒤 30분 동안만 쓸 수 있습니다." },
  used: {
    title: "이미 사용했거나 더 이상 쓸 수 없는 링크입니다",
    text: "재설정 링크는 한 번만 쓸 수 있고, 새 링크를 요청하면 이전 링크는 쓸 수 없게 됩니다.",
  },
  unknown: { title: "올바른 재설정 링크가 아닙니다", text: "메일에 있는 링크를 잘리지 않게 그대로 열었는지 확인해 주세요." },
};

// 410: the link existed and is gone; 404: there is no such link.
const refusalStatus = (reason: TokenRefusal) => (reason === "unknown" ? 404 : 410);

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await readResetLink(params.token ?? "");
  if (!link.ok) return data({ refused: link.reason, email: null }, { status: refusalStatus(link.reason) });
  return { refused: null, email: link.user.email };
}

// the project's answer shape: a Korean `message` with a refusal, `fieldErrors` by field
type ActionData = { refused?: TokenRefusal; message?: string; fieldErrors?: PasswordFieldErrors };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const input = readNewPassword(form);
  if (!input.ok) return data<ActionData>({ fieldErrors: input.errors }, { status: 400 });
  const result = await resetPassword(params.token ?? "", input.password, requestOrigin(request));
  if (!result.ok && "reason" in result)
    return data<ActionData>({ refused: result.reason, message: REFUSALS[result.reason].title }, { status: refusalStatus(result.reason) });
  if (!result.ok) return data<ActionData>({ fieldErrors: { password: result.problems } }, { status: 400 });
  const signedIn = await createUserSession({ userId: result.userId, redirectTo: "/", request });
  signedIn.headers.append("Set-Cookie", await toastHeader("새 비밀번호로 바꿨습니다. 다른 기기의 로그인은 모두 끝났습니다."));
  return signedIn;
}

export default function ResetPassword() {
  const { refused, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const reason: TokenRefusal | null = result?.refused ?? refused;
  if (reason)
    return (
      <LinkRefused
        {...REFUSALS[reason]}
        links={[
          { to: "/forgot-password", label: "새 재설정 링크 받기" },
          { to: "/login", label: "로그인" },
        ]}
      />
    );
  return (
    <div className="login-wrap">
      <div className="card">
        <h1>새 비밀번호 정하기</h1>
        <p className="muted">
          <strong>{email}</strong> 계정의 새 비밀번호를 정하세요. 바꾸면 이 계정으로 로그인된 모든 기기에서 로그아웃됩니다.
        </p>
        <Form method="post" noValidate>
          {/* for password managers: the account the new password belongs to */}
          <input type="hidden" name="username" autoComplete="username" value={email ?? ""} />
          <PasswordInput
            name="password"
            label="새 비밀번호"
            autoComplete="new-password"
            errors={result?.fieldErrors?.password}
            hint={NEW_PASSWORD_HINT}
          />
          <PasswordInput
            name="passwordConfirm"
            label="새 비밀번호 확인"
            autoComplete="new-password"
            errors={result?.fieldErrors?.passwordConfirm}
          />
          <button type="submit" disabled={busy}>
            {busy ? "바꾸는 중…" : "비밀번호 바꾸기"}
          </button>
        </Form>
      </div>
    </div>
  );
}
