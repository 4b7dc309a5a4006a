import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/session.server";
import { formatKRW, formatKoreanDate, formatRateBp } from "~/domain";
import { invariantResponse } from "~/utils/ticket-step.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listPrograms } from "~/models/program-settings.server";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction = () => [{ title: "사업 설정 · 스마트공장 AS 트래커" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  invariantResponse(actor.role === "monitor", "페이지를 찾을 수 없습니다.");
  return { programs: await listPrograms(actor) };
}

export default function Programs() {
  const { programs } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>사업 설정</h1>
      <p className="muted">
        사업(공고)마다 지원 비율, 한도, 기간, 기한, 합격 점수, 지원 규모와 예산을 관리합니다. 새 사업은 기존 사업의 설정을 복사해 만듭니다.
      </p>
      <div className="table-wrap card">
        <table className="responsive">
          <thead>
            <tr>
              <th>사업명</th>
              <th>공고번호</th>
              <th className="num">정부지원 비율</th>
              <th className="num">기업당 한도</th>
              <th className="num">지원 규모</th>
              <th className="num">총예산</th>
              <th>접수</th>
              <th className="num">과제</th>
            </tr>
          </thead>
          <tbody>
            {programs.map((p) => (
              <tr key={p.id}>
                <td data-label="사업명">
                  <Link to={`/programs/${p.id}`}>{p.name}</Link>
                </td>
                <td data-label="공고번호">{p.noticeNumber}</td>
                <td className="num" data-label="정부지원 비율">
                  {formatRateBp(p.subsidyRateBp)}
                </td>
                <td className="num" data-label="기업당 한도">
                  {formatKRW(p.subsidyCap)}
                </td>
                <td className="num" data-label="지원 규모">
                  {p.capacity}개사
                </td>
                <td className="num" data-label="총예산">
                  {formatKRW(p.subsidyBudget)}
                </td>
                <td data-label="접수">
                  {formatKoreanDate(p.intakeOpensOn)} ~ {p.intakeClosesOn ? formatKoreanDate(p.intakeClosesOn) : "예산 소진 시"}
                </td>
                <td className="num" data-label="과제">
                  {p._count.tickets}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary back={{ to: "/dashboard", label: "대시보드로" }} level={1} />;
}
