import { describe, it, expect } from "vitest";
import { FILE_KINDS, asciiFileName, type FileKind, attachmentDisposition, downloadName } from "./file-names";

const PDF = FILE_KINDS.pdf.type;
const JPG = FILE_KINDS.jpg.type;
const PNG = FILE_KINDS.png.type;
const HWP = FILE_KINDS.hwp.type;
const XLSX = FILE_KINDS.xlsx.type;
const bytes = (s: string) => new TextEncoder().encode(s).length;

/** Every character that may make a name read other than it is, or break a header. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\\/:*?"<>|]/;

describe("downloadName: the uploaded name, safe, ending with the detected type's extension", () => {
  it.each<[string, string, string, string]>([
    // a name that already says what it is stays as it was uploaded
    ["a plain name", "견적서.pdf", PDF, "견적서.pdf"],
    ["the person's case of the extension", "scan.PDF", PDF, "scan.PDF"],
    ["either extension of JPEG", "사진.jpeg", JPG, "사진.jpeg"],
    ["a semicolon and parentheses", "계약서; 최종 (2).hwp", HWP, "계약서; 최종 (2).hwp"],
    ["the %22 a browser sends for a quote", "계약서 %22최종%22.pdf", PDF, "계약서 %22최종%22.pdf"],
    // double extensions: the final one follows the content
    ["a double extension ending in HTML", "report.pdf.html", PDF, "report.pdf"],
    ["a double extension ending in an executable", "photo.jpg.exe", JPG, "photo.jpg"],
    ["a script after the right extension", "표.xlsx.js", XLSX, "표.xlsx"],
    ["two wrong extensions: the last goes, the type's is added", "report.html.exe", PDF, "report.html.pdf"],
    ["an SVG name holding a PNG", "logo.svg", PNG, "logo.png"],
    ["an HWP name holding a PDF (renamed by hand)", "신청서.hwp", PDF, "신청서.pdf"],
    ["the right extension before a wrong one, with spaces", "보고서 .pdf .js", PDF, "보고서.pdf"],
    // no extension, or something that only looks like one
    ["no extension", "완료보고서", PDF, "완료보고서.pdf"],
    ["a date is no extension", "회의록 2024.03", PDF, "회의록 2024.03.pdf"],
    ["a Hangul suffix is no extension", "설계.최종", PDF, "설계.최종.pdf"],
    ["an over-long suffix is no extension", "archive.extensionistoolong", PDF, "archive.extensionistoolong.pdf"],
    // bidi and other invisible characters
    ["a right-to-left override hiding .exe", "invoice\u202Efdp.exe", PDF, "invoicefdp.pdf"],
    ["isolates around a name", "\u2067견적서\u2069 (최종).hwp", PDF, "견적서 (최종).pdf"],
    ["marks and the Arabic letter mark", "a\u200Eb\u200Fc\u061Cd.pdf", PDF, "abcd.pdf"],
    ["embeddings and pop", "\u202Aa\u202Bb\u202Cc\u202Dd.png", PNG, "abcd.png"],
    ["zero-width characters and a BOM", "\uFEFFre\u200Bport\u200D.pdf", PDF, "report.pdf"],
    ["a lone surrogate", "bad\uD800name.pdf", PDF, "badname.pdf"],
    // controls, separators and reserved characters
    ["line breaks and tabs become one space", "보고서\r\n1차\t최종.pdf", PDF, "보고서 1차 최종.pdf"],
    ["a NUL and a C1 control", "a\u0000b\u0085c.pdf", PDF, "a b c.pdf"],
    ["line and paragraph separators", "a\u2028b\u2029c.pdf", PDF, "a b c.pdf"],
    ["quotes, slashes and the rest file systems refuse", 'a"b\\c/d:e*f?g<h>i|j.pdf', PDF, "a_b_c_d_e_f_g_h_i_j.pdf"],
    ["leading dots (a hidden file) and trailing dots and spaces", "..hidden.pdf. . ", PDF, "hidden.pdf"],
    ["decomposed Hangul is composed (NFC)", "\u1112\u1161\u11AB\u1100\u1173\u11AF.pdf", PDF, "한글.pdf"],
    // nothing left of a name
    ["an empty name", "", PDF, "file.pdf"],
    ["only invisible characters", "\u202E\u200B", PNG, "file.png"],
    ["only an extension of another type (a hidden file: the name)", ".exe", PDF, "exe.pdf"],
    ["only the right extension (a hidden file: the name)", ".pdf", PDF, "pdf.pdf"],
    // device names Windows reserves
    ["a device name", "CON.pdf", PDF, "_CON.pdf"],
    ["a device name behind a wrong extension", "lpt1.txt", PDF, "_lpt1.pdf"],
    // a type we never store
    ["an unknown type keeps nothing of its claim", "page.html", "text/html", "page.bin"],
  ])("%s", (_what, uploaded, type, expected) => {
    const name = downloadName(uploaded, type);
    expect(name).toBe(expected);
    expect(name).not.toMatch(UNSAFE);
  });

  it("cuts a long name to 200 bytes of UTF-8 between characters, keeping the extension", () => {
    const ascii = downloadName(`${"a".repeat(300)}.pdf`, PDF);
    expect(ascii).toBe(`${"a".repeat(196)}.pdf`);
    const korean = downloadName(`${"가".repeat(150)}.pdf.html`, PDF);
    expect(bytes(korean)).toBeLessThanOrEqual(200);
    expect(korean).toBe(`${"가".repeat(65)}.pdf`);
    const emoji = downloadName(`${"😀".repeat(100)}.png`, PNG);
    expect(emoji).toBe(`${"😀".repeat(49)}.png`);
    // a cut that ends in a space loses the space
    expect(downloadName(`${"a".repeat(195)} bcdef.pdf`, PDF)).toBe(`${"a".repeat(195)}.pdf`);
  });

  it("every result ends with an extension of the detected type and carries nothing unsafe (a corpus of hostile names)", () => {
    const hostile = [
      "invoice\u202Efdp.exe",
      "\u202Egpj.exe",
      "x.pdf\u202E.exe",
      "report.pdf.html",
      "a.svg",
      "a.JS",
      "a\r\nContent-Type: text/html\r\n\r\n<script>.pdf",
      "name\"; filename*=UTF-8''evil.html",
      "../../etc/passwd",
      "C:\\Windows\\evil.exe",
      "😀".repeat(300),
      "\u0000".repeat(10),
      " . . ",
      "보고서",
    ];
    for (const kind of Object.values<FileKind>(FILE_KINDS)) {
      for (const uploaded of hostile) {
        const name = downloadName(uploaded, kind.type);
        expect(name, `${JSON.stringify(uploaded)} as ${kind.label}`).not.toMatch(UNSAFE);
        expect(kind.extensions.includes(name.slice(name.lastIndexOf(".") + 1).toLowerCase()), `${JSON.stringify(uploaded)} → ${name}`).toBe(
          true,
        );
        expect(bytes(name)).toBeLessThanOrEqual(200);
      }
    }
  });
});

describe("asciiFileName: the fallback for clients that do not read filename*", () => {
  it.each([
    ["report.pdf", "report.pdf"],
    ["견적서 v2.pdf", "_ v2.pdf"],
    ["견적서.pdf", "file.pdf"],
    ["완료 보고서.hwp", "file.hwp"],
    ["a_b; c.png", "a_b; c.png"],
  ])("%s → %s", (name, ascii) => {
    expect(asciiFileName(name)).toBe(ascii);
    expect(asciiFileName(name)).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe("attachmentDisposition: both name forms of RFC 6266", () => {
  it("the ASCII fallback quoted, the UTF-8 name percent-encoded (RFC 8187), from the safe name", () => {
    expect(attachmentDisposition("invoice\u202Efdp.exe", PDF)).toBe(`attachment; filename="invoicefdp.pdf"; filename*=UTF-8''invoicefdp.pdf`);
    expect(attachmentDisposition("견적서 (최종)*'1'.hwp", HWP)).toBe(
      `attachment; filename="_ (_)_'1'.hwp"; filename*=UTF-8''%EA%B2%AC%EC%A0%81%EC%84%9C%20%28%EC%B5%9C%EC%A2%85%29_%271%27.hwp`,
    );
  });

  it("decodes back to the download name and never carries a line break or a bare quote", () => {
    for (const uploaded of ['a"b;\r\nc.pdf.html', "보고서\u2066.pdf", "x'y(z)*.pdf"]) {
      const header = attachmentDisposition(uploaded, PDF);
      expect(header).not.toMatch(/[\r\n]/);
      const ext = /filename\*=UTF-8''([^;\s]+)$/.exec(header)![1];
      expect(ext).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
      expect(decodeURIComponent(ext)).toBe(downloadName(uploaded, PDF));
      expect(/filename="([^"]*)"/.exec(header)![1]).toBe(asciiFileName(downloadName(uploaded, PDF)));
    }
  });
});
