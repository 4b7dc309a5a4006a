import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { listNotifications, markRead } from "~/models/notification.server";
import { formatKoreanDateShort, seoulDate } from "~/domain";
import { badRequest, parseForm, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "알림 · 스마트공장 AS 트래커" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return { notifications: await listNotifications(actor) };
}

const MarkSchema = z.object({ id: z.string().min(1).max(64).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await readForm(request);
  const parsed = parseForm(MarkSchema, form);
  if (!parsed.success) return badRequest(parsed.failure);
  const count = await markRead(actor, parsed.data.id);
  return { ok: true as const, count };
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <>
      <h1>알림</h1>
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
                {n.body ? <p className="muted" style={{ margin: "0.2rem 0 0" }}>{n.body}</p> : null}
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
