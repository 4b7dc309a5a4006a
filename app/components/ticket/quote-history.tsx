// 견적 이력: every quote version (latest first) with its lines and its signed quote (서명·날인된 견적서,
// issue 17), read-only; and the supplier's form that attaches the signed quote to the latest version.
import type { z } from "zod";
import { formatKRW, formatKoreanDate, seoulDate } from "~/domain";
import { QuoteLinesTable, type QuoteLineView } from "~/components/quote-lines-table";
import { StepForm, useStepForm } from "~/components/step-form";
import type { StepReply } from "~/utils/step-reply";
import { AttachedFileLink, SingleFileField, type AttachedFileView } from "~/components/ticket/attached-file";

export type QuoteVersionView = {
  id: string;
  version: number;
  total: number;
  note: string | null;
  createdAt: string | Date;
  authorName: string | null;
  signedFile: AttachedFileView | null;
  lines: QuoteLineView[];
};

export function QuoteHistory({ quotes }: { quotes: QuoteVersionView[] }) {
  return (
    <section className="card" aria-labelledby="quote-history-h">
      <h2 id="quote-history-h" style={{ marginTop: 0 }}>
        견적 이력
      </h2>
      {quotes.length === 0 ? <p className="muted">제출된 견적이 없습니다.</p> : null}
      <div className="versions">
        {quotes.map((q, index) => (
          <article
            key={q.id}
            className={`version${index === 0 ? " latest" : ""}`}
            data-quote-version={q.version}
            aria-label={`견적 ${q.version}차`}
          >
            <h3>
              견적 {q.version}차 {index === 0 ? <span className="badge done">최신</span> : <span className="badge role">이전 차수</span>}
              <span className="muted" style={{ fontWeight: 400 }}>
                {formatKoreanDate(seoulDate(new Date(q.createdAt)))}
                {q.authorName ? ` · ${q.authorName}` : ""}
              </span>
            </h3>
            <QuoteLinesTable lines={q.lines} />
            <p className="total-line" data-testid={`quote-total-${q.version}`}>
              합계 {formatKRW(q.total)}
            </p>
            {q.note ? <p className="note-box">{q.note}</p> : null}
            <p>
              서명·날인된 견적서:{" "}
              {q.signedFile ? (
                <AttachedFileLink file={q.signedFile} testId={`quote-signed-${q.version}`} />
              ) : (
                <span className="muted">첨부 없음</span>
              )}
            </p>
          </article>
        ))}
      </div>
    </section>
  );
}

/** The signed quote's file field (a scan of the stamped paper). */
export function SignedQuoteField({ id, name, current = null }: { id: string; name: string; current?: AttachedFileView | null }) {
  return (
    <SingleFileField id={id} name={name} label="서명·날인된 견적서" accept=".pdf,.jpg,.jpeg,.png" kinds="PDF, JPG, PNG" current={current} />
  );
}

/** Attaches the signed quote to the latest version without a new one (the paper signed is that version). */
export function SignedQuoteForm({
  latest,
  field,
  schema,
  reply,
}: {
  latest: QuoteVersionView;
  field: string;
  schema: z.ZodType;
  reply: StepReply | undefined;
}) {
  const { props } = useStepForm({ id: "quote-signed", schema, version: undefined, reply });
  return (
    <StepForm {...props} title="서명·날인된 견적서 첨부" encType="multipart/form-data">
      <h2 style={{ marginTop: 0 }}>서명·날인된 견적서 첨부 (견적 {latest.version}차)</h2>
      <p className="muted">견적 {latest.version}차를 출력해 서명·날인한 뒤 스캔한 파일을 올리세요. 새 차수를 만들지 않습니다.</p>
      <input type="hidden" name="intent" value="sign" />
      <input type="hidden" name="quoteVersion" value={latest.version} />
      <SignedQuoteField id="quote-signed-latest" name={field} current={latest.signedFile} />
      <button type="submit" className="secondary" disabled={props.pending}>
        서명본 첨부
      </button>
    </StepForm>
  );
}
