/**
 * Requests come from a client, which may send anything: each handler checks the shape of what
 * it reads first, and a request that does not have it is answered with InvalidParams (not an
 * internal error from deep inside a feature).
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

function invalid(what: string): never {
  throw new ResponseError(ErrorCodes.InvalidParams, `invalid params: ${what}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function position(v: unknown, where: string): void {
  if (!isObject(v) || !isCount(v.line) || !isCount(v.character)) invalid(`${where} must be { line, character } with whole numbers from 0`);
}

function range(v: unknown, where: string): void {
  if (!isObject(v)) invalid(`${where} must be a range`);
  position(v.start, `${where}.start`);
  position(v.end, `${where}.end`);
}

/** `{ textDocument: { uri } }`. */
export function textDocumentParams(p: unknown): void {
  if (!isObject(p) || !isObject(p.textDocument) || typeof p.textDocument.uri !== 'string') invalid('textDocument.uri must be a string');
}

/** `{ textDocument: { uri }, position }`. */
export function positionParams(p: unknown): void {
  textDocumentParams(p);
  position((p as Record<string, unknown>).position, 'position');
}

/** `{ textDocument, range, context: { diagnostics: [] } }`. */
export function codeActionParams(p: unknown): void {
  textDocumentParams(p);
  const q = p as Record<string, unknown>;
  range(q.range, 'range');
  if (!isObject(q.context) || !Array.isArray(q.context.diagnostics)) invalid('context.diagnostics must be a list');
  q.context.diagnostics.forEach((d, i) => {
    if (!isObject(d)) invalid(`context.diagnostics[${i}] must be a diagnostic`);
    range(d.range, `context.diagnostics[${i}].range`);
  });
}

/** Optional object parameters whose named fields, when present, are strings. */
export function stringFields(p: unknown, required: readonly string[], optional: readonly string[] = []): void {
  if (p === null || p === undefined) {
    if (required.length) invalid(`${required.join(', ')} must be given`);
    return;
  }
  if (!isObject(p)) invalid('the parameters must be an object');
  for (const k of required) if (typeof p[k] !== 'string') invalid(`${k} must be a string`);
  for (const k of optional) if (p[k] !== undefined && p[k] !== null && typeof p[k] !== 'string') invalid(`${k} must be a string`);
}
