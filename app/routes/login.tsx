import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { prisma } from "~/db.server";
import { requestOrigin, securityEvent } from "~/utils/log.server";
import { createUserSession, getActor, signInRefusal } from "~/auth/session.server";
import { demoMode } from "~/utils/env.server";
import { DEMO_ACCOUNTS } from "~/utils/demo-accounts";
import { EmailInput } from "~/components/email-input";
import { attemptSignIn } from "~/auth/throttle.server";
import { holdMessage, retryAfterSeconds } from "~/auth/throttle-rules";
import { safeRedirectTarget } from "~/utils/safe-redirect";
import { readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "로그인 · 스마트공장 AS 트래커" }];

// A hold's answer tells clients when to come back (the page itself too, with a time of day).
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

const LoginSchema = z.object({
  email: z.string().trim().min(1, "이메일을 입력해 주세요.").max(254, "이메일이 너무 깁니다.").email("이메일 형식이 올바르지 않습니다."),
  password: z.string().min(1, "비밀번호를 입력해 주세요.").max(200, "비밀번호가 너무 깁니다."),
  redirectTo: z.string().max(500).optional(),
  // honeypot: people never see or fill this field
  website: z.string().max(0).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) return redirect("/");
  return { demoAccounts: await demoAccountsToShow() };
}

/** Demo mode only (never with DEMO_MODE=off, even if such accounts exist): the demo accounts the database holds. */
async function demoAccountsToShow() {
  if (!demoMode()) return [];
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const present = new Set((await prisma.user.findMany({ where: { email: { in: emails } }, select: { email: true } })).map((u) => u.email));
  return DEMO_ACCOUNTS.filter((a) => present.has(a.email));
}

type ActionData = { formError?: string; fieldErrors?: Partial<Record<"email" | "password", string>>; email?: string };

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const raw = Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  const parsed = LoginSchema.safeParse(raw);
  if (!parsed.success && raw.website) {
    securityEvent("login.honeypot", { ...requestOrigin(request) });
    return Response.json({ formError: "이메일 또는 비밀번호가 올바르지 않습니다." } satisfies ActionData, { status: 400 });
  }
  if (!parsed.success) {
    const fieldErrors: ActionData["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if ((key === "email" || key === "password") && !fieldErrors[key]) fieldErrors[key] = issue.message;
    }
    const formError = Object.keys(fieldErrors).length ? undefined : "로그인할 수 없습니다. 다시 시도해 주세요.";
    return Response.json({ fieldErrors, formError, email: String(raw.email ?? "") } satisfies ActionData, { status: 400 });
  }
  const outcome = await attemptSignIn(parsed.data.email, parsed.data.password, request);
  if (!outcome.ok) {
    const { heldUntil } = outcome;
    securityEvent("login.failure", { email: parsed.data.email, held: heldUntil !== null, ...requestOrigin(request) });
    // Same answers whether or not the email exists (the hold too: unknown addresses are throttled alike).
    if (heldUntil) {
      return Response.json({ formError: holdMessage(heldUntil), email: parsed.data.email } satisfies ActionData, {
        status: 429,
        headers: { "Retry-After": String(retryAfterSeconds(heldUntil, new Date())) },
      });
    }
    return Response.json({ formError: "이메일 또는 비밀번호가 올바르지 않습니다.", email: parsed.data.email } satisfies ActionData, {
      status: 400,
    });
  }
  // The password matched: only now may the page say why this account cannot sign in (removed, organisation refused…).
  const refusal = await signInRefusal(outcome.userId);
  if (refusal) {
    securityEvent("login.refused", { userId: outcome.userId, email: parsed.data.email, ...requestOrigin(request) });
    return Response.json({ formError: refusal, email: parsed.data.email } satisfies ActionData, { status: 403 });
  }
  securityEvent("login.success", { userId: outcome.userId, email: parsed.data.email, ...requestOrigin(request) });
  return createUserSession({ userId: outcome.userId, request, redirectTo: safeRedirectTarget(parsed.data.redirectTo) });
}

export default function Login() {
  const data = useActionData<ActionData>();
  const { demoAccounts } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="login-wrap">
      <div className="card">
        <h1>로그인</h1>
        <p className="muted">도입기업 · 공급기업 · 운영기관(TP) 담당자 계정으로 로그인하세요.</p>
        <Form method="post" noValidate>
          {data?.formError ? (
            <p className="form-error" role="alert">
              {data.formError}
            </p>
          ) : null}
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
          <EmailInput defaultValue={data?.email} error={data?.fieldErrors?.email} />
          <div className="field">
            <label htmlFor="password">비밀번호</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              aria-invalid={data?.fieldErrors?.password ? true : undefined}
              aria-describedby={data?.fieldErrors?.password ? "password-error" : undefined}
              required
            />
            {data?.fieldErrors?.password ? (
              <p className="field-error" id="password-error">
                {data.fieldErrors.password}
              </p>
            ) : null}
          </div>
          <div className="honeypot" aria-hidden="true">
            <label htmlFor="website">웹사이트</label>
            <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
          </div>
          <button type="submit" disabled={busy}>
            {busy ? "확인 중…" : "로그인"}
          </button>
        </Form>
        <p className="login-links">
          <Link to="/forgot-password">비밀번호를 잊으셨나요?</Link> · 처음이신가요? <Link to="/signup">회원가입</Link>
        </p>
      </div>
      {demoAccounts.length > 0 ? (
        <div className="demo-accounts" data-testid="demo-accounts">
          <p>
            체험용 계정(데모 전용, 비밀번호 <code>demo1234!</code>):
          </p>
          <ul>
            {demoAccounts.map((a) => (
              <li key={a.email}>
                <code>{a.email}</code> {a.name} ({a.note})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
