// The concluded agreement on the 협약 page (ADR 031): read-only, so it lives apart from the page's forms
// (routes/tickets.$ticketId.agreement.tsx).
import { Link } from "@remix-run/react";
import { formatKoreanDate, seoulDate } from "~/domain";
import { Section } from "~/components/monitor/step";
import type { AgreementPageData } from "~/routes/tickets.$ticketId.agreement";
import { AgreementAmounts, AgreementText, ConsentList } from "./agreement-parts";
import { PdfLink } from "./document-downloads";

/** The concluded agreement: its period, amounts and day, the consents and the text it was concluded from. */
export function ConcludedAgreement({ data }: { data: AgreementPageData }) {
  const { agreement, draft, consents } = data;
  if (!agreement) return null;
  return (
    <Section title="체결된 협약" id="agreement-h">
      <dl className="facts" data-testid="agreement">
        <dt>사업기간</dt>
        <dd>
          {formatKoreanDate(agreement.startOn)} ~ {formatKoreanDate(agreement.endOn)}
          {agreement.extensionMonths ? ` (${agreement.extensionMonths}개월 연장)` : ""}
        </dd>
        {agreement.startReason ? (
          <>
            <dt>시작일을 앞당긴 사유</dt>
            <dd>{agreement.startReason}</dd>
          </>
        ) : null}
        <AgreementAmounts amounts={agreement} />
        <dt>체결일</dt>
        <dd>{formatKoreanDate(seoulDate(new Date(agreement.signedAt)))}</dd>
      </dl>
      <p>
        <PdfLink doc="agreement" /> ·{" "}
        <Link to="../changes" relative="path">
          협약 변경 이력 (버전 비교)·사업변경
        </Link>
      </p>
      {draft && agreement.draftId ? (
        <>
          <h3>동의한 기업</h3>
          <ConsentList consents={consents} />
          <details>
            <summary>협약서 전문</summary>
            <AgreementText text={draft.text} hash={draft.textHash} />
          </details>
        </>
      ) : null}
    </Section>
  );
}
