/**
 * The engine's settings of a long-lived process (the language server). V8 lets the young
 * generation (where every object starts) grow from 1 MB to 16 MB per half when much
 * survives a collection, as it does while a workspace is read, and rarely gives it back: a
 * server that indexed 5,000 documents kept tens of megabytes of nursery it no longer needed,
 * in each thread. Kept at its first size, the nursery is collected a little more often, and
 * the server's memory follows what it holds (bench/README.md, scenario 5).
 */
import * as v8 from 'node:v8';

/** Keeps the young generation at its initial size, in this thread and in threads started after. */
export function keepYoungGenerationSmall(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
