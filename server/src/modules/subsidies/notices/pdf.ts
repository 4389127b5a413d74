import PDFDocument from "pdfkit";
import { noticeFont } from "./font.js";

/**
 * A notice as the prefectures' 通知書 are laid out (公用文の様式): number and date at the top right,
 * the addressee on the left, the sender on the right, the title, the lead sentence, 「記」 and the
 * numbered items, closed by 「以上」. The per-kind layouts (layouts.ts) fill this in; this file only
 * draws it, on A4 with Noto Sans JP.
 */
export interface Notice {
  title: string;
  /** 文書番号; null when the kind of notice has none. */
  number: string | null;
  /** 和暦 date of the notice. */
  date: string;
  /** 「補助テスト1号商事 様」. */
  addressee: string;
  /** The organization's name. */
  sender: string;
  /** The body sentence before 「記」. */
  lead: string;
  items: NoticeItem[];
  /** Sentences after 「以上」 (教示 and the like), small. */
  remarks?: string[];
  /** For the document's properties. */
  subject: string;
}

export type NoticeItem =
  | { type: "field"; label: string; value: string; emphasis?: boolean }
  | { type: "working"; label: string; rows: WorkingRow[] }
  | { type: "list"; label: string; lines: string[] };

/** One step of the working: what, the amount, and how it was reached. */
export interface WorkingRow {
  label: string;
  amount: string;
  note?: string | undefined;
  /** The result line (drawn bold, with a rule above). */
  total?: boolean;
}

const REGULAR = "NotoSansJP-Regular";
const BOLD = "NotoSansJP-Bold";
const BODY = 10.5;
const SMALL = 8.5;
const MARGIN = { top: 56, bottom: 56, left: 64, right: 64 };
const LABEL_WIDTH = 150;
const AMOUNT_WIDTH = 120;
const INDENT = 20;

export function renderNotice(n: Notice): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    lang: "ja-JP",
    displayTitle: true,
    info: { Title: n.title, Author: n.sender, Subject: n.subject, Creator: "Shien" },
  });
  doc.registerFont(REGULAR, noticeFont("regular"));
  doc.registerFont(BOLD, noticeFont("bold"));
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;
  /** Starts a new page when the next `height` points would not fit. */
  const room = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const text = (s: string, opts: PDFKit.Mixins.TextOptions & { x?: number; font?: string; size?: number } = {}) => {
    const { x = left, font = REGULAR, size = BODY, ...rest } = opts;
    doc
      .font(font)
      .fontSize(size)
      .text(s, x, doc.y, { width: width - (x - left), ...rest });
  };

  if (n.number) text(n.number, { align: "right" });
  text(n.date, { align: "right" });
  doc.moveDown(1.5);
  text(n.addressee, { size: 12 });
  doc.moveDown(1);
  text(n.sender, { align: "right" });
  doc.moveDown(2);
  text(n.title, { font: BOLD, size: 16, align: "center" });
  doc.moveDown(1.5);
  text(n.lead, { indent: BODY, lineGap: 3 });
  doc.moveDown(1);
  text("記", { align: "center" });
  doc.moveDown(1);

  n.items.forEach((item, i) => {
    const label = `${i + 1}　${item.label}`;
    if (item.type === "field") {
      const size = item.emphasis ? 12 : BODY;
      const valueWidth = width - LABEL_WIDTH;
      doc.font(item.emphasis ? BOLD : REGULAR).fontSize(size);
      room(Math.max(doc.heightOfString(item.value, { width: valueWidth }), 16));
      const y = doc.y;
      doc
        .font(BOLD)
        .fontSize(BODY)
        .text(label, left, y, { width: LABEL_WIDTH - 8 });
      const afterLabel = doc.y;
      doc
        .font(item.emphasis ? BOLD : REGULAR)
        .fontSize(size)
        .text(item.value, left + LABEL_WIDTH, y, { width: valueWidth });
      doc.y = Math.max(afterLabel, doc.y) + 6;
      return;
    }
    room(40);
    text(label, { font: BOLD });
    doc.moveDown(0.3);
    if (item.type === "list") {
      for (const line of item.lines) {
        doc.font(REGULAR).fontSize(BODY);
        room(doc.heightOfString(line, { width: width - INDENT }));
        text(line, { x: left + INDENT, lineGap: 2 });
        doc.moveDown(0.2);
      }
    } else {
      const labelWidth = width - INDENT - AMOUNT_WIDTH - 8;
      const amountX = left + width - AMOUNT_WIDTH;
      for (const row of item.rows) {
        const font = row.total ? BOLD : REGULAR;
        doc.font(font).fontSize(BODY);
        let height = doc.heightOfString(row.label, { width: labelWidth });
        if (row.note) {
          doc.font(REGULAR).fontSize(SMALL);
          height += doc.heightOfString(row.note, { width: width - INDENT * 2 });
        }
        room(height + 6);
        const y = doc.y;
        if (row.total) {
          doc
            .moveTo(left + INDENT, y - 2)
            .lineTo(left + width, y - 2)
            .lineWidth(0.5)
            .stroke();
        }
        doc
          .font(font)
          .fontSize(BODY)
          .text(row.label, left + INDENT, y, { width: labelWidth });
        const afterLabel = doc.y;
        doc.font(font).fontSize(BODY).text(row.amount, amountX, y, { width: AMOUNT_WIDTH, align: "right" });
        doc.y = Math.max(afterLabel, doc.y);
        if (row.note) {
          doc.fillColor("#444444");
          doc
            .font(REGULAR)
            .fontSize(SMALL)
            .text(row.note, left + INDENT * 2, doc.y, { width: width - INDENT * 2 });
          doc.fillColor("black");
        }
        doc.y += 4;
      }
    }
    doc.moveDown(0.6);
  });

  doc.moveDown(0.5);
  room(20);
  text("以上", { align: "right" });
  if (n.remarks && n.remarks.length > 0) {
    doc.moveDown(1.5);
    for (const r of n.remarks) {
      doc.font(REGULAR).fontSize(SMALL);
      room(doc.heightOfString(r, { width }));
      text(r, { size: SMALL, lineGap: 2 });
      doc.moveDown(0.3);
    }
  }
  doc.end();
  return done;
}
