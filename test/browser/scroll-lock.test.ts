import { expect } from '@open-wc/testing';
import { lockScroll } from '../../src/element/scroll-lock.js';

describe('lockScroll', () => {
  const scroller = () => document.scrollingElement as HTMLElement;
  afterEach(() => scroller().removeAttribute('style'));

  it('stops the page scrolling until the last holder releases; the page’s inline overflow comes back exactly', () => {
    scroller().style.setProperty('overflow-y', 'scroll', 'important');
    scroller().style.setProperty('overflow-x', 'auto');
    const first = lockScroll();
    const second = lockScroll();
    expect(getComputedStyle(scroller()).overflowY).to.equal('hidden');
    expect(getComputedStyle(scroller()).overflowX).to.equal('hidden');
    first();
    first(); // twice: harmless
    expect(getComputedStyle(scroller()).overflowY, 'the other warning still holds it').to.equal('hidden');
    second();
    expect(scroller().style.getPropertyValue('overflow-y')).to.equal('scroll');
    expect(scroller().style.getPropertyPriority('overflow-y')).to.equal('important');
    expect(scroller().style.getPropertyValue('overflow-x')).to.equal('auto');
  });

  it('a page with no inline overflow gets none back', () => {
    lockScroll()();
    expect(scroller().getAttribute('style') ?? '').to.equal('');
  });
});
