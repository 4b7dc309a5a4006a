// "메일 주소를 확인해 주세요" (/confirm-email): the one page of a signed-in person whose address is not
// confirmed yet (requireActor sends them here), with a button that mails a new link. Without a session
// it asks for the address instead, and answers the same whether or not it has an account waiting.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getSessionState, waitingPagePath } from "~/auth/session.server";
import { CONFIRM_LIMIT, RESEND_ANSWER, resendConfirmation } from "~/models/account.server";
import { readForm } from "~/utils/forms.server";
import { requestOrigin } from "~/utils/log.server";
import { formText } from "~/utils/password-form.server";
import { emailField } from "~/utils/signup-schema";
import { SignOutButton } from "~/components/sign-out-button";
import { EmailInput } from "~/components/email-input";
import { particle } from "~/domain";

export const meta: MetaFunction = () => [{ title: "메일 주소 확인 · 스마트공장 AS 트래커" }];

const SIGNED_IN_ANSWERS = {
  sent: "확인 메일을 다시 보냈습니다. 이전에 받은 링크는 더 이상 쓸 수 없습니다.",
  limited: `확인 메일은 한 시간에 ${CONFIRM_LIMIT.mails}번까지 보낼 수 있습니다. 잠시 후 다시 요청해 주세요.`,
  not_needed: "이미 확인된 주소입니다.",
} as const;

/** The waiting person whose address is unconfirmed; null without a session; a redirect for anyone else. */
async function unconfirmedPerson(request: Request) {
  const state = await getSessionState(request);
  if (!state) return null;
  if ("actor" in state) throw redirect("/");
  if (state.waiting.access !== "unconfirmed") throw redirect(waitingPagePath(state.waiting.access));
  return state.waiting;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const person = await unconfirmedPerson(request);
  return { email: person?.email ?? null };
}

type ActionData = { answer?: string; fieldErrors?: { email: string }; email?: string };

export async function action({ request }: ActionFunctionArgs) {
  const person = await unconfirmedPerson(request);
  const form = await readForm(request);
  const origin = requestOrigin(request);
  if (person) {
    const outcome = await resendConfirmation({ userId: person.userId }, origin);
    if (outcome === "not_needed") throw redirect("/");
    return data<ActionData>({ answer: SIGNED_IN_ANSWERS[outcome] }, { status: outcome === "limited" ? 429 : 200 });
  }
  const email = formText(form, "email");
  const parsed = emailField.safeParse(email);
  if (!parsed.success) return data<ActionData>({ fieldErrors: { email: parsed.error.issues[0].message }, email }, { status: 400 });
  await resendConfirmation({ email: parsed.data }, origin);
  return data<ActionData>({ answer: RESEND_ANSWER, email: parsed.data });
}

export default function ConfirmEmail() {
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="login-wrap">
      <div className="card">
        <h1>메일 주소를 확인해 주세요</h1>
        {result?.answer ? (
          <p className="notice" role="status">
            {result.answer}
          </p>
        ) : null}
        {email ? (
          <>
            <p>
              <strong>{email}</strong>
              {particle(email, "으로", "로")} 확인 메일을 보냈습니다. 메일의 <strong>메일 주소 확인하기</strong> 버튼을 누르면 이용할 수
              있습니다. 링크는 24시간 동안 한 번만 쓸 수 있습니다.
            </p>
            <p className="muted">메일이 오지 않으면 스팸함을 확인하거나 새 링크를 받으세요.</p>
            <Form method="post">
              <button type="submit" disabled={busy}>
                {busy ? "보내는 중…" : "확인 메일 다시 받기"}
              </button>
            </Form>
            <SignOutButton />
          </>
        ) : (
          <>
            <p className="muted">가입할 때 쓴 이메일 주소를 입력하면 새 확인 링크를 보내 드립니다.</p>
            <Form method="post" noValidate>
              <EmailInput defaultValue={result?.email} error={result?.fieldErrors?.email} />
              <button type="submit" disabled={busy}>
                {busy ? "보내는 중…" : "확인 링크 받기"}
              </button>
            </Form>
            <p>
              <Link to="/login">로그인</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
