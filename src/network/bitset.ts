/**
 * A set of small integers below `size` (pod class ids): the reachability matrix row of one class is one of these.
 *
 * Only the words from the lowest to the highest member are stored. Classes are sorted by namespace, so the classes a
 * policy's peer selects in its own namespace fit in a word or two, where a full set is size / 8 bytes: 2 KB for each
 * of 3,000 policies at 50,000 pods, and 6 KB for each of 10,000 at 150,000 (the one quadratic term of the analysis).
 */
export class BitSet {
  /** Index of the first stored word; words outside [start, start + words.length) are all zero. */
  private start = 0;
  private words: Uint32Array = NO_WORDS;
  private readonly wordCount: number;

  constructor(readonly size: number) {
    this.wordCount = Math.ceil(size / 32);
  }

  static of(size: number, members: Iterable<number>): BitSet {
    const set = new BitSet(size);
    if (Array.isArray(members)) for (let position = 0; position < members.length; position++) set.add(members[position] as number);
    else for (const member of members) set.add(member);
    return set;
  }

  add(index: number): void {
    const word = index >>> 5;
    if (word >= this.wordCount) return; // beyond the set (or negative): nothing to add, as with a full array
    if (word < this.start || word >= this.start + this.words.length) this.cover(word, word + 1);
    this.words[word - this.start] |= 1 << (index & 31);
  }

  has(index: number): boolean {
    const offset = (index >>> 5) - this.start;
    return offset >= 0 && offset < this.words.length && (this.words[offset] & (1 << (index & 31))) !== 0;
  }

  addRange(from: number, count: number): void {
    for (let index = from; index < from + count; index++) this.add(index);
  }

  unionWith(other: BitSet): void {
    const { from, to } = other.occupied();
    if (from >= to) return;
    this.cover(from, to);
    for (let word = from; word < to; word++) this.words[word - this.start] |= other.words[word - other.start];
  }

  intersection(other: BitSet): BitSet {
    const out = new BitSet(this.size);
    const from = Math.max(this.start, other.start);
    const to = Math.min(this.start + this.words.length, other.start + other.words.length);
    if (from >= to) return out;
    out.start = from;
    out.words = new Uint32Array(to - from);
    for (let word = from; word < to; word++) out.words[word - from] = this.words[word - this.start] & other.words[word - other.start];
    return out;
  }

  difference(other: BitSet): BitSet {
    const out = new BitSet(this.size);
    out.start = this.start;
    out.words = this.words.slice();
    for (let word = 0; word < out.words.length; word++) out.words[word] &= ~other.wordAt(out.start + word);
    return out;
  }

  isEmpty(): boolean {
    return this.words.every((word) => word === 0);
  }

  /** Members in [from, from + count), counted a word at a time. */
  countRange(from: number, count: number): number {
    let total = 0;
    const end = from + count;
    let index = from;
    while (index < end) {
      const word = index >>> 5;
      const offset = index & 31;
      const take = Math.min(32 - offset, end - index);
      const mask = take === 32 ? 0xffffffff : ((1 << take) - 1) << offset;
      total += popcount(this.wordAt(word) & mask);
      index += take;
    }
    return total;
  }

  count(): number {
    let total = 0;
    for (const word of this.words) total += popcount(word);
    return total;
  }

  *members(): Generator<number> {
    for (let word = 0; word < this.words.length; word++) {
      let bits = this.words[word];
      while (bits !== 0) {
        const lowest = bits & -bits;
        yield (this.start + word) * 32 + (31 - Math.clz32(lowest));
        bits ^= lowest;
      }
    }
  }

  toArray(): number[] {
    return [...this.members()];
  }

  private wordAt(word: number): number {
    const offset = word - this.start;
    return offset >= 0 && offset < this.words.length ? this.words[offset] : 0;
  }

  /** The stored words that hold members: [from, to) (empty when there are none). */
  private occupied(): { from: number; to: number } {
    let first = 0;
    let last = this.words.length;
    while (first < last && this.words[first] === 0) first++;
    while (last > first && this.words[last - 1] === 0) last--;
    return { from: this.start + first, to: this.start + last };
  }

  /**
   * Stores words [from, to) too. Growing takes at least as many words again as are stored, towards the growth, so a
   * set filled in order is copied a logarithmic number of times, never past the set's size.
   */
  private cover(from: number, to: number): void {
    const end = this.start + this.words.length;
    if (this.words.length === 0) {
      this.start = from;
      this.words = new Uint32Array(to - from);
      return;
    }
    if (from >= this.start && to <= end) return;
    const grow = this.words.length;
    const newStart = from < this.start ? Math.max(0, Math.min(from, this.start - grow)) : this.start;
    const newEnd = to > end ? Math.max(to, Math.min(this.wordCount, end + grow)) : end;
    const words = new Uint32Array(newEnd - newStart);
    words.set(this.words, this.start - newStart);
    this.start = newStart;
    this.words = words;
  }
}

const NO_WORDS = new Uint32Array(0);

function popcount(word: number): number {
  let bits = word - ((word >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
