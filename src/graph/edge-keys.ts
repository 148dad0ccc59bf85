/** Edges per chunk of the columns: 2^16, so that an index splits into chunk and position with a shift and a mask. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;
/** The first chunk starts this small and doubles up to CHUNK: the many tiny graphs of tests and small inputs stay small. */
const FIRST_CHUNK = 1024;

/**
 * The key of every edge, (from, to, technique number), and its difficulty rank (merged by key), in typed arrays, with
 * an open-addressing hash from key to edge index. At 50,000 pods the graph has 400,000 edges: a Map keyed by one
 * double per edge boxed each key (20 MB of heap) and spent most of the build hashing them.
 *
 * The columns grow by chunks of 65,536 edges, never copied, and are copied once into arrays of their exact length
 * (columns()): arrays doubled as they grew and sliced at the end were 2 to 3 times the edges' bytes at once, at
 * 150,000 pods some 40 MB of array buffers, which count towards the external memory that starts a full collection.
 */
export class EdgeKeys {
  private fromChunks: Int32Array[] = [new Int32Array(FIRST_CHUNK)];
  private toChunks: Int32Array[] = [new Int32Array(FIRST_CHUNK)];
  /** Technique numbers: a graph has a few dozen techniques, and 2 bytes an edge are 2.4 MB less at 150,000 pods. */
  private techniqueChunks: Uint16Array[] = [new Uint16Array(FIRST_CHUNK)];
  private rankChunks: Uint8Array[] = [new Uint8Array(FIRST_CHUNK)];
  count = 0;
  /**
   * Per slot, edge index + 1 (0 is an empty slot), and beside it in a table of its own eight bits of the key's hash
   * (never 0, which marks an empty slot). A probe reads the tags, 64 to a cache line, and reads an index and a key
   * only where the tag matches: the slots of a probe sequence cost one memory read, not one each, so the table may
   * be three quarters full. Five bytes a slot rather than eight at half full: at 150,000 pods the table was 32 MB of
   * array buffers, which count towards the external memory that starts a full collection.
   */
  private slots = new Int32Array(1 << 14);
  private tags = new Uint8Array(1 << 14);

  fromOf(index: number): number {
    return this.fromChunks[index >>> CHUNK_BITS][index & IN_CHUNK];
  }

  toOf(index: number): number {
    return this.toChunks[index >>> CHUNK_BITS][index & IN_CHUNK];
  }

  techniqueOf(index: number): number {
    return this.techniqueChunks[index >>> CHUNK_BITS][index & IN_CHUNK];
  }

  rankOf(index: number): number {
    return this.rankChunks[index >>> CHUNK_BITS][index & IN_CHUNK];
  }

  setRank(index: number, rank: number): void {
    this.rankChunks[index >>> CHUNK_BITS][index & IN_CHUNK] = rank;
  }

  /** The columns in arrays of their exact length, for the sealed graph. */
  columns(): { from: Int32Array; to: Int32Array; technique: Uint16Array; rank: Uint8Array } {
    const { count } = this;
    return {
      from: joined(this.fromChunks, new Int32Array(count), count),
      to: joined(this.toChunks, new Int32Array(count), count),
      technique: joined(this.techniqueChunks, new Uint16Array(count), count),
      rank: joined(this.rankChunks, new Uint8Array(count), count),
    };
  }

  /** The index of the edge with this key, or -1. */
  indexOf(from: number, to: number, technique: number): number {
    const slot = this.find(from, to, technique, hash(from, to, technique));
    return slot < 0 ? this.slots[-slot - 1] - 1 : -1;
  }

  /** Adds a key that is not present yet; returns its edge index (the number of keys before it). */
  append(from: number, to: number, technique: number): number {
    const keyHash = hash(from, to, technique);
    return this.add(this.find(from, to, technique, keyHash), from, to, technique, keyHash);
  }

  /** The index of the edge with this key if there is one, or -(its new index) - 1 after adding it. */
  indexOrAdd(from: number, to: number, technique: number): number {
    const keyHash = hash(from, to, technique);
    const slot = this.find(from, to, technique, keyHash);
    if (slot < 0) return this.slots[-slot - 1] - 1;
    return -this.add(slot, from, to, technique, keyHash) - 1;
  }

  /** The free slot where the key belongs (≥ 0), or -(the slot) - 1 where it is. */
  private find(from: number, to: number, technique: number, keyHash: number): number {
    const { tags } = this;
    const mask = tags.length - 1;
    const tag = tagOf(keyHash);
    for (let slot = keyHash & mask; ; slot = (slot + 1) & mask) {
      const found = tags[slot];
      if (found === 0) return slot;
      if (found === tag) {
        const index = this.slots[slot] - 1;
        const chunk = index >>> CHUNK_BITS;
        const position = index & IN_CHUNK;
        if (this.fromChunks[chunk][position] === from && this.toChunks[chunk][position] === to && this.techniqueChunks[chunk][position] === technique) return -slot - 1;
      }
    }
  }

  private add(slot: number, from: number, to: number, technique: number, keyHash: number): number {
    const index = this.count++;
    const chunk = index >>> CHUNK_BITS;
    const position = index & IN_CHUNK;
    if (chunk === this.fromChunks.length) this.addChunk();
    else if (position === this.fromChunks[chunk].length) this.growFirstChunk();
    this.fromChunks[chunk][position] = from;
    this.toChunks[chunk][position] = to;
    this.techniqueChunks[chunk][position] = technique;
    // A table that would be over three quarters full is made anew, this key included.
    if (this.count * 4 > this.tags.length * 3) this.rehash(this.tags.length * 2);
    else {
      this.slots[slot] = index + 1;
      this.tags[slot] = tagOf(keyHash);
    }
    return index;
  }

  private addChunk(): void {
    this.fromChunks.push(new Int32Array(CHUNK));
    this.toChunks.push(new Int32Array(CHUNK));
    this.techniqueChunks.push(new Uint16Array(CHUNK));
    this.rankChunks.push(new Uint8Array(CHUNK));
  }

  /** The first chunk, below its full size, twice as large (then the columns only ever gain whole chunks). */
  private growFirstChunk(): void {
    const size = this.fromChunks[0].length * 2;
    this.fromChunks[0] = larger(this.fromChunks[0], new Int32Array(size));
    this.toChunks[0] = larger(this.toChunks[0], new Int32Array(size));
    this.techniqueChunks[0] = larger(this.techniqueChunks[0], new Uint16Array(size));
    this.rankChunks[0] = larger(this.rankChunks[0], new Uint8Array(size));
  }

  /**
   * A table of `size` slots, filled from the keys in edge order: they are read in sequence, rather than the old
   * table's slots from anywhere, and their hashes are made again (three multiplications) rather than kept.
   */
  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const tags = new Uint8Array(size);
    const mask = size - 1;
    for (let index = 0; index < this.count; index++) {
      const keyHash = hash(this.fromOf(index), this.toOf(index), this.techniqueOf(index));
      let slot = keyHash & mask;
      while (tags[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
      tags[slot] = tagOf(keyHash);
    }
    this.slots = slots;
    this.tags = tags;
  }
}

/** Eight bits of the hash that its low bits (the slot) do not already say, 0 taken as 1. */
function tagOf(keyHash: number): number {
  return keyHash >>> 24 || 1;
}

function larger<T extends Int32Array | Uint16Array | Uint8Array>(array: T, into: T): T {
  into.set(array);
  return into;
}

/** The first `count` values of the chunks, copied into `into`. */
function joined<T extends Int32Array | Uint16Array | Uint8Array>(chunks: readonly T[], into: T, count: number): T {
  for (let chunk = 0, offset = 0; offset < count; chunk++, offset += CHUNK) into.set(chunks[chunk].subarray(0, Math.min(CHUNK, count - offset)), offset);
  return into;
}

/** Mixes the three numbers so that neighbouring keys (one node's edges) spread over the table. */
function hash(from: number, to: number, technique: number): number {
  let h = Math.imul(from, 0x9e3779b1) ^ Math.imul(to, 0x85ebca77) ^ Math.imul(technique, 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h | 0;
}
