import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import stylesHref from "~/styles/app.css?url";
import { getActor } from "~/auth/session.server";
import { unreadCount } from "~/models/notification.server";
import { LiveUpdates } from "~/components/live-updates";
import { Toaster } from "~/components/toaster";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { readToast } from "~/utils/toast.server";
import { useNonce } from "~/utils/nonce";
import { ROLE_LABELS, type Role } from "~/domain";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = () => [{ title: "스마트공장 AS 트래커" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  // The page's data reflects every change committed before this moment; live
  // updates start from here (no counter of other organisations' events leaks).
  const loadedAt = new Date().toISOString();
  // the flash message of the step just taken, shown once (toast.server.ts)
  const { toast, headers } = await readToast(request);
  const init = headers ? { headers } : undefined;
  if (!actor) return data({ actor: null, unread: 0, loadedAt, toast }, init);
  const unread = await unreadCount(actor);
  return data(
    {
      actor: { id: actor.userId, name: actor.name, role: actor.role, organizationName: actor.organizationName, isAdmin: actor.isAdmin === true },
      unread,
      loadedAt,
      toast,
    },
    init,
  );
}

const NAV: Record<Role, { to: string; label: string; end?: boolean }[]> = {
  manufacturer: [
    { to: "/tickets", label: "우리 회사 AS 신청", end: true },
    { to: "/tickets/new", label: "새 AS 신청" },
    { to: "/profile", label: "기업 정보" },
  ],
  supplier: [
    { to: "/inbox", label: "할 일" },
    { to: "/tickets", label: "배정된 과제", end: true },
  ],
  monitor: [
    { to: "/dashboard", label: "대시보드" },
    { to: "/tickets", label: "전체 과제", end: true },
    { to: "/programs", label: "사업 설정" },
  ],
  // the external evaluator and the cost-accounting agency: the tickets the TP assigned to them
  evaluator: [{ to: "/tickets", label: "배정된 현장평가", end: true }],
  cost_agency: [{ to: "/tickets", label: "배정된 원가계산", end: true }],
};

/** The management pages: 조직 관리 for an organisation's admins, 기관 관리 for every Technopark staff member. */
function managementNav(actor: { role: Role; isAdmin: boolean }): { to: string; label: string; end?: boolean }[] {
  return [
    ...(actor.isAdmin ? [{ to: "/organization", label: "조직 관리" }] : []),
    ...(actor.role === "monitor" ? [{ to: "/admin/organizations", label: "기관 관리" }] : []),
    // the outbox's failed and waiting mail, for the Technopark's admins (app/routes/admin.mail.tsx)
    ...(actor.role === "monitor" && actor.isAdmin ? [{ to: "/admin/mail", label: "메일 발송" }] : []),
  ];
}

function TopBar() {
  const data = useRouteLoaderData<typeof loader>("root");
  const actor = data?.actor;
  const unread = data?.unread ?? 0;
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link to="/" className="brand">
          스마트공장 AS 트래커<small>AS Tracker</small>
        </Link>
        {actor ? (
          <>
            <nav className="nav" aria-label="주 메뉴">
              {[...NAV[actor.role], ...managementNav(actor)].map((item) => (
                <NavLink key={item.to} to={item.to} end={item.end}>
                  {item.label}
                </NavLink>
              ))}
            </nav>
            <div className="whoami">
              <LiveUpdates loadedAt={data?.loadedAt ?? new Date(0).toISOString()} userId={actor.id} />
              {/* the accessible name starts with the visible text (알림 3), the rest for screen readers only */}
              <NavLink to="/notifications" className="bell">
                알림{" "}
                {unread > 0 ? (
                  <>
                    <span className="count" data-testid="unread-count">
                      {unread}
                    </span>
                    <span className="visually-hidden">건 읽지 않음</span>
                  </>
                ) : (
                  <span className="visually-hidden">(읽지 않은 알림 없음)</span>
                )}
              </NavLink>
              <span>
                <strong>{actor.name}</strong> · {actor.organizationName} <span className="badge role">{ROLE_LABELS[actor.role]}</span>
              </span>
              <Link to="/profile/password" className="account-link">
                비밀번호 변경
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="link">
                  로그아웃
                </button>
              </Form>
            </div>
          </>
        ) : null}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const rootData = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="ko">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          본문으로 건너뛰기
        </a>
        <TopBar />
        <main id="main">{children}</main>
        <Toaster flash={rootData?.toast ?? null} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary level={1} />;
}
