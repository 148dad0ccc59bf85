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
   * Two numbers per slot: edge index + 1 (0 is an empty slot) and the key's hash. A probe compares the hash beside
   * the index before it reads the key's three arrays: at 400,000 edges each of those reads was a cache miss, and a
   * probe of a half-full table passes one or two other keys. Kept at most half full, and grown four times over:
   * rehashing runs rarely, so mostly unoptimised, and a doubling table rehashed 2 × the edges in it.
   */
  private slots = new Int32Array(2 << 14);

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

  /** The free slot where the key belongs (≥ 0), or -(the slot's position) - 1 where it is. */
  private find(from: number, to: number, technique: number, keyHash: number): number {
    const { slots } = this;
    const mask = (slots.length >> 1) - 1;
    for (let slot = keyHash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot << 1];
      if (entry === 0) return slot;
      if (slots[(slot << 1) + 1] === keyHash) {
        const index = entry - 1;
        if (this.from[index] === from && this.to[index] === to && this.technique[index] === technique) return -(slot << 1) - 1;
      }
    }
  }

  private add(slot: number, from: number, to: number, technique: number, keyHash: number): number {
    const index = this.count++;
    if (index === this.from.length) {
      this.from = grow(this.from);
      this.to = grow(this.to);
      this.technique = grow(this.technique);
    }
    this.from[index] = from;
    this.to[index] = to;
    this.technique[index] = technique;
    let free = slot;
    if (this.count * 4 > this.slots.length) {
      this.rehash(this.slots.length * 4);
      free = this.find(from, to, technique, keyHash);
    }
    this.slots[free << 1] = index + 1;
    this.slots[(free << 1) + 1] = keyHash;
    return index;
  }

  private rehash(size: number): void {
    const old = this.slots;
    const slots = new Int32Array(size);
    const mask = (size >> 1) - 1;
    // The hashes are kept: nothing is hashed again.
    for (let position = 0; position < old.length; position += 2) {
      if (old[position] === 0) continue;
      let slot = old[position + 1] & mask;
      while (slots[slot << 1] !== 0) slot = (slot + 1) & mask;
      slots[slot << 1] = old[position];
      slots[(slot << 1) + 1] = old[position + 1];
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
  return h | 0;
}
