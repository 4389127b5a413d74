/**
 * Documents of the subsidy lifecycle (issue 7 「Documents」):
 *
 * - notices.service.ts      交付決定通知書・額の確定通知書・不採択通知書 as PDF (state checks, what they print).
 * - layouts.ts              each notice's wording and items (the working of the arithmetic included).
 * - pdf.ts                  draws a notice on A4 with pdfkit; font.ts loads Noto Sans JP (npm package TTFs).
 * - format.ts               和暦 dates, yen with separators, 様/御中.
 * - applications.xlsx.ts    補助金申請の一覧 (xlsx) of a program, round, year or status.
 */
export { type ApplicationsXlsxQuery, applicationsXlsx } from "./applications.xlsx.js";
export { honorific, warekiDate, yenText } from "./format.js";
export { NOTICE_KINDS, type NoticeKind, noticePdf } from "./notices.service.js";
