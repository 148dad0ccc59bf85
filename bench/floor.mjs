#!/usr/bin/env node
/**
 * The parse floor: read and parse a List dump item by item as kubethreat's loader does (the whole file in one buffer
 * up to 64 MB, streamed from disk above; items handed over in batches), and do nothing else. Every item is parsed
 * whole, with JSON.parse: the loader itself leaves out of the parse what it never reads (managedFields, most
 * statuses, the specs of controllers' Pods: src/load/unread-fields.ts), so it can spend less than the floor on it.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { streamListBatches } from '../dist/load/json-list-stream.js';

const file = process.argv[2];
async function* whole() {
  yield readFileSync(file);
}
const source = statSync(file).size <= 64 * 1024 * 1024 ? whole() : createReadStream(file, { highWaterMark: 1 << 20 });
let items = 0;
for await (const batch of streamListBatches(source)) for (const item of batch) if (item.value) items++;
process.stdout.write(`${items}\n`);
