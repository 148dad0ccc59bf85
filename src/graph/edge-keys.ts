/**
 * The key of every edge, (from, to, technique number), in typed arrays, with an open-addressing hash from key to
 * edge index. At 50,000 pods the graph has 400,000 edges: a Map keyed by one double per edge boxed each key (20 MB
 * of heap) and spent most of the build hashing them. The endpoint arrays are what the path search reads.
 */
export class EdgeKeys {
  from: Int32Array = new Int32Array(1024);
  to: Int32Array = new Int32Array(1024);
  technique: Int32Array = new Int32Array(1024);
  count = 0;
  /**
   * Edge index + 1 per slot; 0 is an empty slot. Kept at most half full, and grown four times over: rehashing runs
   * rarely, so mostly unoptimised, and a doubling table rehashed 2 × the edges in it.
   */
  private slots = new Int32Array(1 << 14);

  /** The index of the edge with this key, or -1. */
  indexOf(from: number, to: number, technique: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash(from, to, technique) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      const index = entry - 1;
      if (this.from[index] === from && this.to[index] === to && this.technique[index] === technique) return index;
    }
  }

  /** Adds a key that is not present yet; returns its edge index (the number of keys before it). */
  append(from: number, to: number, technique: number): number {
    const index = this.count++;
    if (index === this.from.length) {
      this.from = grow(this.from);
      this.to = grow(this.to);
      this.technique = grow(this.technique);
    }
    this.from[index] = from;
    this.to[index] = to;
    this.technique[index] = technique;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 4);
    else this.place(index);
    return index;
  }

  private place(index: number): void {
    const mask = this.slots.length - 1;
    let slot = hash(this.from[index], this.to[index], this.technique[index]) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = index + 1;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    // place() inlined: this loop runs a few times per build, unoptimised, and a call per key showed in profiles.
    for (let index = 0; index < this.count; index++) {
      let slot = hash(this.from[index], this.to[index], this.technique[index]) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
    }
    this.slots = slots;
  }
}

function grow(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/** Mixes the three numbers so that neighbouring keys (one node's edges) spread over the table. */
function hash(from: number, to: number, technique: number): number {
  let h = Math.imul(from, 0x9e3779b1) ^ Math.imul(to, 0x85ebca77) ^ Math.imul(technique, 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}
