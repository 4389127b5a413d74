// @ts-check
/**
 * The text of a PDF the journey downloaded, read back in Node with pdfjs-dist's legacy build (the
 * one that runs without a DOM), as the server's notice tests do: the browser only proves the link
 * downloads; what the file says is checked here.
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * @param {Uint8Array} bytes
 * @returns {Promise<string>} every page's text, items joined, a line break where pdfjs saw one
 */
export async function pdfText(bytes) {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true }).promise;
  let out = "";
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) {
      if ("str" in item) out += item.str + (item.hasEOL ? "\n" : "");
    }
    out += "\n";
  }
  await doc.destroy();
  return out;
}

/** @param {Uint8Array} bytes */
export const isPdf = (bytes) => Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-";
