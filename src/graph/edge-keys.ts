/**
 * The key of every edge, (from, to, technique number), in typed arrays, with an open-addressing hash from key to
 * edge index. At 50,000 pods the graph has 400,000 edges: a Map keyed by one double per edge boxed each key (20 MB
 * of heap) and spent most of the build hashing them. The endpoint arrays are what the path search reads.
 */
export class EdgeKeys {
  from: Int32Array = new Int32Array(1024);
  to: Int32Array = new Int32Array(1024);
  /** Technique numbers: a graph has a few dozen techniques, and 2 bytes an edge are 2.4 MB less at 150,000 pods. */
  technique: Uint16Array = new Uint16Array(1024);
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
        if (this.from[index] === from && this.to[index] === to && this.technique[index] === technique) return -slot - 1;
      }
    }
  }

  private add(slot: number, from: number, to: number, technique: number, keyHash: number): number {
    const index = this.count++;
    if (index === this.from.length) {
      this.from = grow(this.from);
      this.to = grow(this.to);
      this.technique = growShort(this.technique);
    }
    this.from[index] = from;
    this.to[index] = to;
    this.technique[index] = technique;
    // A table that would be over three quarters full is made anew, this key included.
    if (this.count * 4 > this.tags.length * 3) this.rehash(this.tags.length * 2);
    else {
      this.slots[slot] = index + 1;
      this.tags[slot] = tagOf(keyHash);
    }
    return index;
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
      const keyHash = hash(this.from[index], this.to[index], this.technique[index]);
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

function grow(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

function growShort(array: Uint16Array): Uint16Array {
  const larger = new Uint16Array(array.length * 2);
  larger.set(array);
  return larger;
}

/** Mixes the three numbers so that neighbouring keys (one node's edges) spread over the table. */
function hash(from: number, to: number, technique: number): number {
  let h = Math.imul(from, 0x9e3779b1) ^ Math.imul(to, 0x85ebca77) ^ Math.imul(technique, 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h | 0;
}
