// The one layout of every mail: a Korean HTML part with inline styles (mail clients drop <style> and
// external CSS) and its plain-text twin, built from the same lines. Everything the caller passes is
// text: it is escaped in the HTML, never injected raw. The action link is made absolute (APP_URL).
import { absoluteUrl } from "./config.server";

export const SITE_NAME = "AS 트래커";
export const DEFAULT_FOOTER = `이 메일은 ${SITE_NAME}(스마트공장 사후관리 지원사업)에 이 주소가 등록되어 있거나 이 주소로 요청이 있어 보내드렸습니다. 본인이 요청하지 않았다면 이 메일을 무시하셔도 됩니다. 이 주소로는 회신을 받지 않습니다.`;

export type MailInput = {
  subject: string;
  /** e.g. "홍길동 님, 안녕하세요." */
  greeting?: string;
  /** what happened and what to do next, one paragraph each; the caller names the organisation and program */
  lines: string[];
  /** the button: a site path ("/reset-password/…"), made absolute */
  action?: { label: string; path: string };
  /** why they got this mail; the default says so in general words */
  footer?: string;
  /** a link under the footer (e.g. where to change how such mail arrives), made absolute */
  footerLink?: { label: string; path: string };
};

export type MailContent = { subject: string; text: string; html: string };

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** One line of text: no line breaks (a subject is a header). */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, " ").trim();
}

function subjectOf(subject: string): string {
  const line = oneLine(subject);
  return line.startsWith(`[${SITE_NAME}]`) ? line : `[${SITE_NAME}] ${line}`;
}

const P = "margin:0 0 16px;font-size:15px;line-height:1.6;color:#1f2937";
const BUTTON = "display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold";
const SMALL = "margin:0 0 8px;font-size:13px;line-height:1.5;color:#6b7280";

/** A paragraph; its own line breaks kept as <br>. */
function paragraph(text: string, style = P): string {
  return `<p style="${style}">${escapeHtml(text).replace(/\r?\n/g, "<br>")}</p>`;
}

function htmlOf(input: MailInput, subject: string, url: string | null, footer: string): string {
  const parts = [
    `<div style="font-family:'Apple SD Gothic Neo','Malgun Gothic',sans-serif;max-width:600px;margin:0 auto;padding:24px">`,
    `<p style="${SMALL}">${escapeHtml(SITE_NAME)}</p>`,
    `<h1 style="margin:0 0 20px;font-size:20px;color:#111827">${escapeHtml(subject)}</h1>`,
    input.greeting ? paragraph(input.greeting) : "",
    ...input.lines.map((line) => paragraph(line)),
  ];
  if (url && input.action) {
    parts.push(
      `<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="${BUTTON}">${escapeHtml(input.action.label)}</a></p>`,
      paragraph(`버튼이 열리지 않으면 이 주소를 브라우저에 붙여 넣으세요: ${url}`, SMALL),
    );
  }
  parts.push(`<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0">`, paragraph(footer, SMALL));
  if (input.footerLink) {
    const href = escapeHtml(absoluteUrl(input.footerLink.path));
    parts.push(`<p style="${SMALL}"><a href="${href}" style="color:#1d4ed8">${escapeHtml(input.footerLink.label)}</a></p>`);
  }
  parts.push(`</div>`);
  return parts.filter(Boolean).join("\n");
}

function textOf(input: MailInput, url: string | null, footer: string): string {
  const parts = [...(input.greeting ? [input.greeting] : []), ...input.lines];
  if (url && input.action) parts.push(`${input.action.label}: ${url}`);
  parts.push(`--\n${footer}`);
  if (input.footerLink) parts.push(`${input.footerLink.label}: ${absoluteUrl(input.footerLink.path)}`);
  return parts.join("\n\n") + "\n";
}

/** The subject (prefixed with the site's name), the plain text and the HTML of one mail. */
export function renderMail(input: MailInput): MailContent {
  const subject = oneLine(input.subject);
  const url = input.action ? absoluteUrl(input.action.path) : null;
  const footer = input.footer ?? DEFAULT_FOOTER;
  return { subject: subjectOf(subject), text: textOf(input, url, footer), html: htmlOf(input, subject, url, footer) };
}
