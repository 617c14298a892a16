/** Entry of the reading threads (dist/worker.js): see parallel.ts. */
import { workerMain } from './parallel';

workerMain();
