#!/usr/bin/env node
/**
 * The parse floor: read and parse a List dump item by item exactly as kubethreat's loader does (the whole file in
 * one buffer up to 64 MB, streamed from disk above), and do nothing else.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { streamListItems } from '../dist/load/json-list-stream.js';

const file = process.argv[2];
async function* whole() {
  yield readFileSync(file);
}
const source = statSync(file).size <= 64 * 1024 * 1024 ? whole() : createReadStream(file, { highWaterMark: 1 << 20 });
let items = 0;
for await (const item of streamListItems(source)) if (item.value) items++;
process.stdout.write(`${items}\n`);
