// pdf.js's parser, off the main thread. Importing it is enough: it starts listening to this
// worker's port when it loads. Naming the class keeps the bundler from dropping the import.
// @ts-expect-error -- the package ships no types for its worker entry
import { WorkerMessageHandler } from "pdfjs-dist/build/pdf.worker.mjs";

(self as unknown as { pdfjsWorker?: unknown }).pdfjsWorker = { WorkerMessageHandler };
