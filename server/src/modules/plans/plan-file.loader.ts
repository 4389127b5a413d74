import { type PlanFile, planFileSchema } from "@shien/contracts";
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { checkPlanArithmetic } from "./plan-file.checks.js";

/** A finding in a plan file: where (YAML path and line) and what. */
export interface PlanFileIssue {
  path: string;
  line: number | null;
  message: string;
}

export class PlanFileError extends Error {
  constructor(
    readonly file: string,
    readonly errors: PlanFileIssue[],
  ) {
    super(`${file}: ${errors.length} error(s)\n${errors.map(formatIssue).join("\n")}`);
    this.name = "PlanFileError";
  }
}

export function formatIssue(i: PlanFileIssue): string {
  return `  ${i.line === null ? "" : `line ${i.line}: `}${i.path || "(file)"}: ${i.message}`;
}

/**
 * Parses and validates a plan file. Structural errors (YAML syntax, schema) throw PlanFileError
 * with every problem and its YAML path; arithmetic the document implies comes back as warnings.
 */
export function loadPlanFile(text: string, file: string): { plan: PlanFile; warnings: PlanFileIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new PlanFileError(
      file,
      doc.errors.map((e) => ({
        path: "",
        line: e.linePos?.[0]?.line ?? null,
        message: `YAMLの書式エラー / YAML syntax: ${e.message.split("\n")[0]}`,
      })),
    );
  }
  const lineOf = (path: (string | number)[]): number | null => {
    const node = nodeAt(doc.contents as Node | null, path);
    const offset = node?.range?.[0];
    return offset === undefined ? null : lineCounter.linePos(offset).line;
  };
  const parsed = planFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new PlanFileError(
      file,
      parsed.error.issues.map((i) => {
        const path = i.path.filter((p): p is string | number => typeof p !== "symbol");
        return { path: formatPath(path), line: lineOf(path), message: i.message };
      }),
    );
  }
  const warnings = checkPlanArithmetic(parsed.data).map((w) => ({
    path: formatPath(w.path),
    line: lineOf(w.path),
    message: w.message,
  }));
  return { plan: parsed.data, warnings };
}

/** The deepest YAML node along a path (a path that runs past the document stops at its last node). */
function nodeAt(root: Node | null, path: (string | number)[]): Node | null {
  let node: Node | null = root;
  for (const key of path) {
    if (isMap(node)) node = (node.get(key, true) as Node | undefined) ?? node;
    else if (isSeq(node) && typeof key === "number") node = (node.get(key, true) as Node | undefined) ?? node;
    else break;
  }
  return node;
}

export function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}
