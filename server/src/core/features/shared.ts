/**
 * What the language features share: where a position is, and an area as a hover or a completion shows it.
 */
import type { Position, Range } from '../types';
import { AREA, type Area } from '../areas';

/** An area and its question: "Why — why this problem is worth solving now". */
export const areaText = (a: Area) => `${AREA[a].label} — ${AREA[a].question}`;

export const inRange = (r: Range, p: Position) =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));
