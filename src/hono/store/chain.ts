/** What an item needs to sit in a {@link Chain}: its neighbours, kept on the item itself. */
export interface Link<T> {
  prev: T | null;
  next: T | null;
}

/**
 * A doubly linked list threaded through its items: append, unlink and move-to-end are O(1), and a
 * walk from the oldest item visits only live items.
 *
 * Why not rely on a `Map`'s insertion order: V8 leaves a hole where an entry was deleted until the
 * table is next rebuilt, and every new iteration starts at the table's beginning and steps over
 * those holes. Sweeping from the oldest entry would then cost the number of earlier deletions,
 * not the number expired.
 */
export class Chain<T extends Link<T>> {
  /** The item appended or moved longest ago. */
  first: T | null = null;
  last: T | null = null;

  append(item: T): void {
    item.prev = this.last;
    item.next = null;
    if (this.last) this.last.next = item;
    else this.first = item;
    this.last = item;
  }

  unlink(item: T): void {
    if (item.prev) item.prev.next = item.next;
    else this.first = item.next;
    if (item.next) item.next.prev = item.prev;
    else this.last = item.prev;
    item.prev = null;
    item.next = null;
  }

  moveToEnd(item: T): void {
    if (this.last === item) return;
    this.unlink(item);
    this.append(item);
  }
}
