/**
 * One copy of each short string of a load. JSON.parse and the YAML parser make a new string for every value, so a
 * dump holds its namespace names, kinds, API versions, label values, node names and owner uids tens of thousands of
 * times over: at 10,000 pods, 15 MB of strings of which 2.6 MB are distinct. Interning them as objects are read
 * keeps one of each. A pool lives for one load and is dropped with it: nothing is kept across analyses. It shares a
 * few small values the same way (see `shared`).
 */

/** Longer strings (scripts, certificates, JSON in annotations) are rarely repeated; hashing them would cost for nothing. */
const MAX_INTERNED_LENGTH = 256;

export class StringPool {
  private readonly strings = new Map<string, string>();
  private readonly values = new Map<string, unknown>();

  /**
   * The pool's copy of a value that `key` describes completely (the owner references of a Pod: every Pod of a
   * ReplicaSet has the same), which becomes the copy when it is the first. Callers never change such values.
   */
  shared<T>(key: string, value: T): T {
    const known = this.values.get(key);
    if (known !== undefined) return known as T;
    this.values.set(key, value);
    return value;
  }

  /** The pool's copy of `text`, which becomes the copy when it is the first. */
  intern(text: string): string {
    if (text.length > MAX_INTERNED_LENGTH) return text;
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  /**
   * Replaces, in place, every short string value of a parsed value (object keys are already shared by the parsers)
   * with the pool's copy: equal strings stay equal, only which copy holds the characters changes. It is also the
   * nesting guard of load/nesting.ts (one walk rather than two over every object of a dump): it returns true, and
   * stops, when the value nests deeper than `maxDepth`, exactly as valueNestsDeeperThan does, and never recurses
   * deeper than that.
   */
  internValues(value: unknown, maxDepth: number): boolean {
    if (typeof value !== 'object' || value === null) return false;
    if (maxDepth <= 0) return true;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const child: unknown = value[index];
        // Always stored: === compares the characters, so it cannot tell the pool's copy from another one.
        if (typeof child === 'string') value[index] = this.intern(child);
        else if (typeof child === 'object' && child !== null && this.internValues(child, maxDepth - 1)) return true;
      }
    } else {
      const record = value as Record<string, unknown>;
      // for…in: parsed JSON and YAML are plain objects, whose prototype has no enumerable key.
      for (const key in record) {
        const child = record[key];
        if (typeof child === 'string') {
          // A "__proto__" key (JSON.parse makes it an own key) is left alone: assigning it would go to the prototype.
          if (key !== '__proto__') record[key] = this.intern(child);
        } else if (typeof child === 'object' && child !== null && this.internValues(child, maxDepth - 1)) return true;
      }
    }
    return false;
  }
}
