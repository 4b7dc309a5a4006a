import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { listNotifications, markRead } from "~/models/notification.server";
import { formatKoreanDateShort, seoulDate } from "~/domain";
import { readForm } from "~/utils/forms.server";
import { parseStepForm } from "~/utils/ticket-step.server";
import { redirectWithToast } from "~/utils/toast.server";
import type { StepReply } from "~/utils/step-reply";

export const meta: MetaFunction = () => [{ title: "알림 · 스마트공장 AS 트래커" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return { notifications: await listNotifications(actor) };
}

const MarkSchema = z.object({ id: z.string({ error: "알림을 찾을 수 없습니다." }).min(1).max(64, "알림을 찾을 수 없습니다.").optional() });

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await readForm(request);
  const submission = parseStepForm(form, MarkSchema);
  if (submission.status !== "success") return data<StepReply>({ result: submission.reply() }, { status: 400 });
  const count = await markRead(actor, submission.value.id);
  return redirectWithToast("/notifications", count > 0 ? `알림 ${count}건을 읽음으로 표시했습니다.` : "읽지 않은 알림이 없습니다.");
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <>
      <h1>알림</h1>
      <p className="muted">
        메일로 받을 알림과 받는 방법은 <Link to="/profile/notifications">알림 설정</Link>에서 고를 수 있습니다.
      </p>
      {unread > 0 ? (
        <Form method="post" style={{ marginBottom: "1rem" }}>
          <button type="submit" className="secondary">
            모두 읽음으로 표시
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? (
        <div className="card">
          <p>새 알림이 없습니다.</p>
        </div>
      ) : (
        <ul className="card notification-list" data-testid="notifications">
          {notifications.map((n) => (
            <li key={n.id} className={n.readAt ? "read" : "unread"}>
              <div>
                {n.ticketId ? <Link to={`/tickets/${n.ticketId}`}>{n.title}</Link> : <strong>{n.title}</strong>}
                {n.body ? (
                  <p className="muted" style={{ margin: "0.2rem 0 0" }}>
                    {n.body}
                  </p>
                ) : null}
              </div>
              <span className="muted">{formatKoreanDateShort(seoulDate(new Date(n.createdAt)))}</span>
              {!n.readAt ? (
                <Form method="post">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="link">
                    읽음
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
