/** A fixed-size set of small integers (pod class ids): the reachability matrix row of one class is one of these. */
export class BitSet {
  readonly words: Uint32Array;

  constructor(readonly size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32));
  }

  static of(size: number, members: Iterable<number>): BitSet {
    const set = new BitSet(size);
    for (const member of members) set.add(member);
    return set;
  }

  add(index: number): void {
    this.words[index >>> 5] |= 1 << (index & 31);
  }

  has(index: number): boolean {
    return (this.words[index >>> 5] & (1 << (index & 31))) !== 0;
  }

  addRange(from: number, count: number): void {
    for (let index = from; index < from + count; index++) this.add(index);
  }

  unionWith(other: BitSet): void {
    for (let word = 0; word < this.words.length; word++) this.words[word] |= other.words[word];
  }

  intersection(other: BitSet): BitSet {
    const out = new BitSet(this.size);
    for (let word = 0; word < this.words.length; word++) out.words[word] = this.words[word] & other.words[word];
    return out;
  }

  difference(other: BitSet): BitSet {
    const out = new BitSet(this.size);
    for (let word = 0; word < this.words.length; word++) out.words[word] = this.words[word] & ~other.words[word];
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
      total += popcount(this.words[word] & mask);
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
        yield word * 32 + (31 - Math.clz32(lowest));
        bits ^= lowest;
      }
    }
  }

  toArray(): number[] {
    return [...this.members()];
  }
}

function popcount(word: number): number {
  let bits = word - ((word >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
