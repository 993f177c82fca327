import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain, type Link } from '../../../src/hono/store/chain.js';

class Item implements Link<Item> {
  prev: Item | null = null;
  next: Item | null = null;
  constructor(readonly name: string) {}
}

const names = (chain: Chain<Item>) => {
  const out: string[] = [];
  for (let item = chain.first; item; item = item.next) out.push(item.name);
  const back: string[] = [];
  for (let item = chain.last; item; item = item.prev) back.unshift(item.name);
  assert.deepEqual(back, out, 'walking back gives the same order');
  return out;
};

describe('Chain', () => {
  it('keeps items in append order', () => {
    const chain = new Chain<Item>();
    for (const n of ['a', 'b', 'c']) chain.append(new Item(n));
    assert.deepEqual(names(chain), ['a', 'b', 'c']);
  });

  it('moves an item to the end, from the front, the middle or the end itself', () => {
    const chain = new Chain<Item>();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => new Item(n)) as [Item, Item, Item];
    [a, b, c].forEach((item) => chain.append(item));
    chain.moveToEnd(a);
    assert.deepEqual(names(chain), ['b', 'c', 'a']);
    chain.moveToEnd(c);
    assert.deepEqual(names(chain), ['b', 'a', 'c']);
    chain.moveToEnd(c);
    assert.deepEqual(names(chain), ['b', 'a', 'c']);
  });

  it('unlinks from anywhere, down to empty', () => {
    const chain = new Chain<Item>();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => new Item(n)) as [Item, Item, Item];
    [a, b, c].forEach((item) => chain.append(item));
    chain.unlink(b);
    assert.deepEqual(names(chain), ['a', 'c']);
    chain.unlink(a);
    chain.unlink(c);
    assert.deepEqual([chain.first, chain.last], [null, null]);
    chain.append(b);
    assert.deepEqual(names(chain), ['b']);
  });
});
