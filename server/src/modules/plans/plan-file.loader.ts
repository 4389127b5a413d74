import { type PlanFile, planFileSchema } from "@shien/contracts";
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { z } from "zod";
import { checkPlanArithmetic, checkPlanStructure } from "./plan-file.checks.js";

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
  // Plan files are written by Japanese planning staff: schema messages in Japanese.
  const parsed = planFileSchema.safeParse(doc.toJS(), { error: jaMessages });
  if (!parsed.success) {
    throw new PlanFileError(
      file,
      parsed.error.issues
        .flatMap((i) => explainIssue(i, []))
        .map(({ path, message }) => ({
          path: formatPath(path),
          line: lineOf(path),
          message,
        })),
    );
  }
  const structural = checkPlanStructure(parsed.data);
  if (structural.length > 0) {
    throw new PlanFileError(
      file,
      structural.map((e) => ({ path: formatPath(e.path), line: lineOf(e.path), message: e.message })),
    );
  }
  const warnings = checkPlanArithmetic(parsed.data).map((w) => ({
    path: formatPath(w.path),
    line: lineOf(w.path),
    message: w.message,
  }));
  return { plan: parsed.data, warnings };
}

const jaMessages = z.locales.ja().localeError;

interface RawIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  errors?: RawIssue[][];
}

/**
 * A tree node is a union (group | program | reference); zod reports a bad node as "invalid input"
 * for the whole node. The branch whose errors reach deepest is the one the author meant, so its
 * errors are the ones shown.
 */
function explainIssue(issue: RawIssue, prefix: (string | number)[]): { path: (string | number)[]; message: string }[] {
  const path = [...prefix, ...issue.path.filter((p): p is string | number => typeof p !== "symbol")];
  if (issue.code === "invalid_union" && issue.errors && issue.errors.length > 0) {
    const depth = (branch: RawIssue[]) => Math.min(...branch.map((b) => b.path.length));
    const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
    if (best.length > 0) return best.flatMap((b) => explainIssue(b, path));
  }
  return [{ path, message: issue.message }];
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
