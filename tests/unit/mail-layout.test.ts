// The mail settings (SMTP_URL, MAIL_FROM, APP_URL) and the one mail layout: escaped HTML, a plain-text
// twin, the action as an absolute link, a footer saying why the mail came.
import { afterEach, describe, expect, it } from "vitest";
import { absoluteUrl, DEFAULT_MAIL_FROM, mailConfig, messageIdHost, redactSmtpUrl } from "~/mail/config.server";
import { DEFAULT_FOOTER, escapeHtml, renderMail } from "~/mail/layout.server";

const saved = { APP_URL: process.env.APP_URL, PORT: process.env.PORT };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("mailConfig", () => {
  it("defaults: no delivery, the site's sender, APP_URL from PORT", () => {
    expect(mailConfig({ PORT: "4100" })).toEqual({ smtpUrl: null, from: DEFAULT_MAIL_FROM, appUrl: "http://localhost:4100" });
    expect(mailConfig({}).appUrl).toBe("http://localhost:3000");
    expect(mailConfig({ SMTP_URL: "  " }).smtpUrl).toBeNull();
  });

  it("reads SMTP_URL, MAIL_FROM and APP_URL (a trailing slash dropped, a path prefix kept)", () => {
    const config = mailConfig({
      SMTP_URL: "smtp://u:p@mail.example.kr:587",
      MAIL_FROM: "AS <as@example.kr>",
      APP_URL: "https://as.example.kr/app/",
    });
    expect(config).toEqual({ smtpUrl: "smtp://u:p@mail.example.kr:587", from: "AS <as@example.kr>", appUrl: "https://as.example.kr/app" });
  });

  it.each([
    [{ SMTP_URL: "mail.example.kr:25" }, /SMTP_URL/],
    [{ SMTP_URL: "http://mail.example.kr" }, /smtp:\/\//],
    [{ APP_URL: "as.example.kr" }, /APP_URL/],
    [{ APP_URL: "ftp://as.example.kr" }, /APP_URL/],
    [{ APP_URL: "https://as.example.kr/?x=1" }, /APP_URL/],
    [{ MAIL_FROM: "AS <as@example.kr>\r\nBcc: x@y.z" }, /MAIL_FROM/],
    [{ MAIL_FROM: "no address" }, /MAIL_FROM/],
  ])("refuses %j", (env, message) => {
    expect(() => mailConfig(env)).toThrow(message);
  });

  it("absoluteUrl joins APP_URL and a site path, and refuses anything else", () => {
    const env = { APP_URL: "https://as.example.kr/app" };
    expect(absoluteUrl("/reset-password/abc", env)).toBe("https://as.example.kr/app/reset-password/abc");
    for (const bad of ["reset", "//evil.example/x", "/\\evil.example", "https://evil.example/"]) expect(() => absoluteUrl(bad, env)).toThrow();
  });

  it("the Message-ID host is APP_URL's; a logged SMTP_URL hides its password", () => {
    expect(messageIdHost({ APP_URL: "https://as.example.kr:8443/app" })).toBe("as.example.kr");
    expect(redactSmtpUrl("smtp://user:s3cret@mail.example.kr:587")).toBe("smtp://user:***@mail.example.kr:587");
  });
});

describe("renderMail", () => {
  it("Korean subject with the site's name, escaped HTML, plain-text twin, absolute action link, footer", () => {
    process.env.APP_URL = "https://as.example.kr";
    const mail = renderMail({
      subject: "이메일 주소를 확인해 주세요",
      greeting: "<b>홍길동</b> 님, 안녕하세요.",
      lines: ['(주)"한빛" & <script>alert(1)</script> 의 가입 신청이 접수되었습니다.'],
      action: { label: "이메일 확인하기", path: "/confirm-email/tok?x=1&y=2" },
    });
    expect(mail.subject).toBe("[AS 트래커] 이메일 주소를 확인해 주세요");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<b>");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).toContain("(주)&quot;한빛&quot; &amp;");
    expect(mail.html).toContain('href="https://as.example.kr/confirm-email/tok?x=1&amp;y=2"');
    expect(mail.text).toContain("<b>홍길동</b> 님, 안녕하세요.");
    expect(mail.text).toContain('(주)"한빛" & <script>alert(1)</script> 의 가입 신청이 접수되었습니다.');
    expect(mail.text).toContain("이메일 확인하기: https://as.example.kr/confirm-email/tok?x=1&y=2");
    expect(mail.text).toContain(DEFAULT_FOOTER);
    expect(mail.html).toContain(escapeHtml(DEFAULT_FOOTER));
  });

  it("a subject is one line, not prefixed twice; a caller's footer replaces the default; no action, no link", () => {
    const mail = renderMail({
      subject: "[AS 트래커] 알림\r\nBcc: x@y.z",
      lines: ["첫 줄\n둘째 줄"],
      footer: "알림 설정에서 받도록 하셨기 때문입니다.",
    });
    expect(mail.subject).toBe("[AS 트래커] 알림 Bcc: x@y.z");
    expect(mail.html).toContain("첫 줄<br>둘째 줄");
    expect(mail.text).toContain("알림 설정에서 받도록 하셨기 때문입니다.");
    expect(mail.text).not.toContain(DEFAULT_FOOTER);
    expect(mail.html).not.toContain("href=");
  });
});

describe("footer link", () => {
  it("is a clickable absolute link under the footer in HTML and a labelled address in the text", () => {
    const mail = renderMail({ subject: "알림", lines: ["본문"], footerLink: { label: "알림 설정 바꾸기", path: "/profile/notifications" } });
    expect(mail.html).toMatch(/<a href="http[^"]+\/profile\/notifications"[^>]*>알림 설정 바꾸기<\/a>/);
    expect(mail.text).toMatch(/알림 설정 바꾸기: http\S+\/profile\/notifications/);
    expect(renderMail({ subject: "알림", lines: ["본문"] }).html).not.toContain("알림 설정 바꾸기");
  });
});
