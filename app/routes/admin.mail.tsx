// The mail log of a Technopark admin: how many mails are waiting, sent and failed, the failed ones with
// the server's last answer and "다시 보내기", and the ones still waiting (retrying). Nobody else sees it
// (404), and it never shows a mail's body (it may hold a sign-in or reset link).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { mailOverview, resendFailedMail } from "~/mail/mailbox.server";
import { readForm } from "~/utils/forms.server";
import { notFound, parseStepForm } from "~/utils/ticket-step.server";
import type { StepReply } from "~/utils/step-reply";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "메일 발송 현황 · 스마트공장 AS 트래커" }];

const PAGE_MISSING = "페이지를 찾을 수 없습니다.";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const overview = await mailOverview(actor);
  if (!overview) notFound(PAGE_MISSING);
  return overview;
}

const ResendSchema = z.object({ id: z.string({ error: "메일을 찾을 수 없습니다." }).min(1).max(64, "메일을 찾을 수 없습니다.") });

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  if (!(await mailOverview(actor))) notFound(PAGE_MISSING);
  const submission = parseStepForm(await readForm(request), ResendSchema);
  if (submission.status !== "success") return data<StepReply>({ result: submission.reply() }, { status: 400 });
  const resent = await resendFailedMail(actor, submission.value.id);
  return redirectWithToast(
    "/admin/mail",
    resent ? `${resent.toEmail} 앞 메일을 다시 보내도록 대기열에 넣었습니다.` : "이미 다시 보냈거나 실패한 메일이 아닙니다.",
  );
}

const KIND_LABELS: Record<string, string> = {
  confirm_email: "이메일 확인",
  reset_password: "비밀번호 재설정",
  invitation: "초대",
  join_request: "가입 요청",
  join_decision: "가입 결정",
  supplier_decision: "공급기업 승인 결정",
  member_removed: "구성원 제외",
  notification: "알림",
  digest: "알림 모음",
};

type Row = ReturnType<typeof useLoaderData<typeof loader>>["failed"][number];

function MailTable({ rows, resend, caption }: { rows: Row[]; resend: boolean; caption: string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">작성</th>
            <th scope="col">종류</th>
            <th scope="col">받는 사람</th>
            <th scope="col">제목</th>
            <th scope="col">시도</th>
            <th scope="col">{resend ? "마지막 오류" : "다음 시도 · 마지막 오류"}</th>
            {resend ? <th scope="col">조치</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.createdAt}</td>
              <td>{KIND_LABELS[row.kind] ?? row.kind}</td>
              <td>{row.toEmail}</td>
              <td>{row.subject}</td>
              <td>{row.attempts}회</td>
              <td>
                {resend ? null : <div>{row.nextAttemptAt}</div>}
                {row.lastError ? <code>{row.lastError}</code> : null}
              </td>
              {resend ? (
                <td>
                  <Form method="post">
                    <input type="hidden" name="id" value={row.id} />
                    <button type="submit" className="secondary">
                      다시 보내기
                    </button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function AdminMail() {
  const { delivers, counts, failed, pending } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>메일 발송 현황</h1>
      {delivers ? null : (
        <p className="card" role="status">
          SMTP_URL이 설정되지 않아 메일을 발송하지 않습니다. 메일은 보관함에 남고 데모 메일함(/mailbox)에서 볼 수 있습니다.
        </p>
      )}
      <p data-testid="mail-counts">
        대기 {counts.pending}통 · 발송 {counts.sent}통 · 실패 {counts.failed}통
      </p>
      <section aria-labelledby="failed-mail">
        <h2 id="failed-mail">발송 실패</h2>
        {failed.length === 0 ? (
          <p className="muted">실패한 메일이 없습니다.</p>
        ) : (
          <MailTable rows={failed} resend caption="발송에 실패한 메일" />
        )}
      </section>
      <section aria-labelledby="pending-mail">
        <h2 id="pending-mail">발송 대기</h2>
        {pending.length === 0 ? (
          <p className="muted">대기 중인 메일이 없습니다.</p>
        ) : (
          <MailTable rows={pending} resend={false} caption="발송을 기다리는 메일" />
        )}
      </section>
    </>
  );
}
