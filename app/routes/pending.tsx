// 승인 대기 (/pending): the one page of a confirmed person who waits — for the Technopark to approve their
// supplier organisation, or for their organisation's admin to approve their request to join (ADR 020).
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireWaitingPerson } from "~/auth/session.server";
import { waitingDetails } from "~/models/account.server";
import { formatKoreanDate, seoulDate } from "~/domain";
import { SignOutButton } from "~/components/sign-out-button";

export const meta: MetaFunction = () => [{ title: "승인 대기 · 스마트공장 AS 트래커" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const person = await requireWaitingPerson(request);
  if (person.access === "unconfirmed") throw redirect("/confirm-email");
  const details = await waitingDetails(person.userId);
  if (!details) throw redirect("/login");
  return { name: person.name, email: person.email, ...details, since: formatKoreanDate(seoulDate(details.since)) };
}

export default function Pending() {
  const { name, organizationName, joining, since } = useLoaderData<typeof loader>();
  return (
    <div className="login-wrap">
      <div className="card">
        <h1>승인 대기</h1>
        {joining ? (
          <>
            <p role="status">
              {name} 님의 <strong>{organizationName}</strong> 가입 요청을 조직 관리자가 검토하고 있습니다.
            </p>
            <p className="muted">
              관리자가 승인하면 메일로 알려 드리며, 그 뒤에 회사의 과제를 볼 수 있습니다. 요청한 날: {since}. 오래 걸리면 회사의 관리자에게 직접
              문의해 주세요.
            </p>
          </>
        ) : (
          <>
            <p role="status">
              <strong>{organizationName}</strong>의 공급기업 등록을 운영기관(테크노파크)이 검토하고 있습니다.
            </p>
            <p className="muted">
              승인되면 메일로 알려 드립니다. 승인 전에는 도입기업이 과제에 공급기업으로 지정할 수 없습니다. 등록한 날: {since}. 거절되면 그
              사유를 메일로 알려 드립니다.
            </p>
          </>
        )}
        <SignOutButton />
      </div>
    </div>
  );
}
