// One error page for every route: a thrown Response (404, 403, a Korean 4xx
// message) becomes a readable card; anything else is a bug, logged on the
// server, and shows a generic message — never a stack trace. A step page of a
// ticket uses it as its own ErrorBoundary, so the ticket's header and
// navigation (the layout route) stay on screen.
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

export function GeneralErrorBoundary({
  back = { to: "/", label: "처음으로" },
  level = 2,
}: {
  back?: { to: string; label: string };
  level?: 1 | 2;
}) {
  const error = useRouteError();
  const Heading = level === 1 ? "h1" : "h2";
  if (isRouteErrorResponse(error)) {
    const title = error.status === 404 ? "페이지를 찾을 수 없습니다" : error.status === 403 ? "권한이 없습니다" : "요청을 처리할 수 없습니다";
    return (
      <div className="card" role="alert" data-status={error.status}>
        <Heading className="error-title">{title}</Heading>
        <p className="muted">
          {error.status === 404
            ? "주소가 잘못되었거나 열람 권한이 없는 항목입니다."
            : typeof error.data === "string" && error.data
              ? error.data
              : "잠시 후 다시 시도해 주세요."}
        </p>
        <Link to={back.to}>{back.label}</Link>
      </div>
    );
  }
  return (
    <div className="card" role="alert">
      <Heading className="error-title">일시적인 오류가 발생했습니다</Heading>
      <p className="muted">잠시 후 다시 시도해 주세요. 문제가 계속되면 운영기관에 문의해 주세요.</p>
      <Link to={back.to}>{back.label}</Link>
    </div>
  );
}

/** ErrorBoundary of a ticket's step page: shown under the ticket's header, with a way back to the overview. */
export function StepErrorBoundary() {
  return <GeneralErrorBoundary back={{ to: "..", label: "과제 개요로" }} />;
}
