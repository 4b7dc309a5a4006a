import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import stylesHref from "~/styles/app.css?url";
import { getActor } from "~/auth/session.server";
import { unreadCount } from "~/models/notification.server";
import { LiveUpdates } from "~/components/live-updates";
import { useNonce } from "~/utils/nonce";
import { ROLE_LABELS, type Role } from "~/domain";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = () => [{ title: "스마트공장 AS 트래커" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  // The page's data reflects every change committed before this moment; live
  // updates start from here (no counter of other organisations' events leaks).
  const loadedAt = new Date().toISOString();
  if (!actor) return { actor: null, unread: 0, loadedAt };
  const unread = await unreadCount(actor);
  return {
    actor: { id: actor.userId, name: actor.name, role: actor.role, organizationName: actor.organizationName },
    unread,
    loadedAt,
  };
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
};

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
              {NAV[actor.role].map((item) => (
                <NavLink key={item.to} to={item.to} end={item.end}>
                  {item.label}
                </NavLink>
              ))}
            </nav>
            <div className="whoami">
              <LiveUpdates loadedAt={data?.loadedAt ?? new Date(0).toISOString()} userId={actor.id} />
              <NavLink to="/notifications" className="bell" aria-label={`알림 ${unread}건 읽지 않음`}>
                알림{unread > 0 ? <span className="count" data-testid="unread-count">{unread}</span> : null}
              </NavLink>
              <span>
                <strong>{actor.name}</strong> · {actor.organizationName}{" "}
                <span className="badge role">{ROLE_LABELS[actor.role]}</span>
              </span>
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
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title = error.status === 404 ? "페이지를 찾을 수 없습니다" : error.status === 403 ? "권한이 없습니다" : "요청을 처리할 수 없습니다";
    return (
      <div className="card">
        <h1>{title}</h1>
        <p className="muted">
          {error.status === 404
            ? "주소가 잘못되었거나 열람 권한이 없는 항목입니다."
            : typeof error.data === "string" && error.data
              ? error.data
              : "잠시 후 다시 시도해 주세요."}
        </p>
        <Link to="/">처음으로</Link>
      </div>
    );
  }
  // Never show a stack trace to the user; the server logs the details.
  return (
    <div className="card">
      <h1>일시적인 오류가 발생했습니다</h1>
      <p className="muted">잠시 후 다시 시도해 주세요. 문제가 계속되면 운영기관에 문의해 주세요.</p>
      <Link to="/">처음으로</Link>
    </div>
  );
}
