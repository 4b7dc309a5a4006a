// The mailed confirmation link (/confirm-email/<token>). Opening it changes nothing (mail scanners open
// links too); the button confirms. An expired, used or forged link gets a Korean page saying which, with
// a way to a new link (ADR 020).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TokenRefusal } from "~/auth/tokens.server";
import { getSessionState } from "~/auth/session.server";
import { confirmEmail, readConfirmLink } from "~/models/account.server";
import { requestOrigin } from "~/utils/log.server";
import { redirectWithToast } from "~/utils/toast.server";
import { LinkRefused } from "~/components/link-refused";

export const meta: MetaFunction = () => [{ title: "메일 주소 확인 · 스마트공장 AS 트래커" }];

const REFUSALS: Record<TokenRefusal, { title: string; text: string }> = {
  expired: { title: "확인 링크의 유효 시간이 지났습니다", text: "메일 주소 확인 링크는 메일을 보낸 뒤 24시간 동안만 쓸 수 있습니다." },
  used: {
    title: "이미 사용했거나 더 이상 쓸 수 없는 확인 링크입니다",
    text: "확인 링크는 한 번만 쓸 수 있고, 새 링크를 받으면 이전 링크는 쓸 수 없게 됩니다. 이미 확인했다면 로그인하면 됩니다.",
  },
  unknown: { title: "올바른 확인 링크가 아닙니다", text: "메일에 있는 링크를 잘리지 않게 그대로 열었는지 확인해 주세요." },
};

const NEXT_LINKS = [
  { to: "/confirm-email", label: "새 확인 링크 받기" },
  { to: "/login", label: "로그인" },
];

// 410: the link existed and is gone; no such link: 404 to open (no such page), 400 to post (the request names no link).
const refusalStatus = (reason: TokenRefusal, method: "GET" | "POST" = "GET") => (reason !== "unknown" ? 410 : method === "GET" ? 404 : 400);

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await readConfirmLink(params.token ?? "");
  if (!link.ok) return data({ refused: link.reason, email: null, message: REFUSALS[link.reason].title }, { status: refusalStatus(link.reason) });
  return { refused: null, email: link.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const outcome = await confirmEmail(params.token ?? "", requestOrigin(request));
  // the message too: a client that reads only the data (not the page) learns what happened in Korean
  if (!outcome.ok)
    return data({ refused: outcome.reason, message: REFUSALS[outcome.reason].title }, { status: refusalStatus(outcome.reason, "POST") });
  // Signed in here (right after 회원가입): straight on — "/" or the 승인 대기 page. Elsewhere: sign in first.
  const state = await getSessionState(request);
  const here = state && ("actor" in state ? state.actor.userId : state.waiting.userId) === outcome.userId;
  if (!here) return redirectWithToast("/login", "메일 주소를 확인했습니다. 로그인해 주세요.");
  if (state && "actor" in state) return redirectWithToast("/", "메일 주소를 확인했습니다.");
  throw redirect("/pending");
}

export default function ConfirmEmailLink() {
  const { refused, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const reason = result?.refused ?? refused;
  if (reason) return <LinkRefused {...REFUSALS[reason]} links={NEXT_LINKS} />;
  return (
    <div className="login-wrap">
      <div className="card">
        <h1>메일 주소 확인</h1>
        <p>
          <strong>{email}</strong> 주소를 확인합니다. 아래 버튼을 누르면 확인이 끝납니다.
        </p>
        <Form method="post">
          <button type="submit" disabled={busy}>
            {busy ? "확인하는 중…" : "메일 주소 확인하기"}
          </button>
        </Form>
      </div>
    </div>
  );
}
