// The read-only parts of the 사업기간 연장 신청 page: the execution window with what each
// request would give, and the history of requests.
import { changeStatusLabel, formatKoreanDate, formatKoreanDateShort, seoulDate } from "~/domain";

type Option = { months: number; allowed: boolean; reasons: string[]; newEndOn: string | null };

export function ExtensionWindow({
  page,
}: {
  page: {
    currentEndOn: string | null;
    monthsExtended: number;
    maxExtensionMonths: number;
    maxTotalMonths: number;
    maxEndOn: string | null;
    options: Option[];
  };
}) {
  return (
    <section className="card" aria-labelledby="window-h">
      <h2 id="window-h" style={{ marginTop: 0 }}>
        수행기간
      </h2>
      <dl className="facts" data-testid="window">
        <dt>현재 종료일</dt>
        <dd data-testid="current-end">{page.currentEndOn ? formatKoreanDate(page.currentEndOn) : "협약 전"}</dd>
        <dt>승인된 연장</dt>
        <dd>
          {page.monthsExtended}개월 / 최대 {page.maxExtensionMonths}개월 (최대 사업기간 {page.maxTotalMonths}개월)
        </dd>
        {page.maxEndOn ? (
          <>
            <dt>최대 연장 시 종료일</dt>
            <dd>{formatKoreanDate(page.maxEndOn)}</dd>
          </>
        ) : null}
      </dl>
      <ul className="reason-list" data-testid="options">
        {page.options.map((o) => (
          <li key={o.months}>
            {o.months}개월 연장 시:{" "}
            {o.allowed && o.newEndOn ? (
              <strong>{formatKoreanDate(o.newEndOn)}까지</strong>
            ) : (
              <span className="status-missing">{o.reasons.join(" ")}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

type Extension = { id: string; months: number; reason: string; status: string; requestedAt: string | Date; decisionNote: string | null };

export function ExtensionHistory({ extensions }: { extensions: Extension[] }) {
  if (!extensions.length) return null;
  return (
    <section className="card" aria-labelledby="history-h">
      <h2 id="history-h" style={{ marginTop: 0 }}>
        연장 신청 이력
      </h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="연장 신청 이력">
        <table className="responsive">
          <thead>
            <tr>
              <th>신청일</th>
              <th>기간</th>
              <th>사유</th>
              <th>결과</th>
            </tr>
          </thead>
          <tbody>
            {extensions.map((e) => (
              <tr key={e.id}>
                <td data-label="신청일">{formatKoreanDateShort(seoulDate(new Date(e.requestedAt)))}</td>
                <td data-label="기간">{e.months}개월</td>
                <td data-label="사유">{e.reason}</td>
                <td data-label="결과">
                  {changeStatusLabel(e.status)}
                  {e.decisionNote ? ` · ${e.decisionNote}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
