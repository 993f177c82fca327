// The demo in every shipped language (issue 13, item 6): its own texts complete in each, and the
// page's language chosen by `?lang=`, a remembered choice, or Accept-Language, told to the element
// through `<html lang dir>`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDemoApp } from '../../../demo/app.js';
import { demoLanguages, demoTexts, type DemoTexts } from '../../../demo/i18n.js';

const app = createDemoApp({
  warnAfter: 30,
  expireAfter: 120,
  absoluteTimeout: 600,
  secret: 'a demo secret of thirty-two bytes!',
  elementScript: new URL('../../../dist/session-timeout.min.js', import.meta.url),
});

async function loginPage(path: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers });
  const body = await response.text();
  return {
    html: body.match(/<html[^>]*>/)?.[0],
    heading: body.match(/<h1>([^<]*)/)?.[1],
    notice: body.match(/<p class="notice"[^>]*>([^<]*)/)?.[1],
    cookie: response.headers.get('set-cookie'),
    body,
  };
}

describe('the demo in every language', () => {
  const keys = Object.keys(demoTexts.en) as (keyof DemoTexts)[];
  const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

  it('has every text in every shipped locale, placeholders as in English', () => {
    assert.deepEqual(demoLanguages, ['en', 'ar', 'cy', 'de', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt', 'sv', 'uk', 'zh-hans']);
    for (const language of demoLanguages) {
      for (const key of keys) {
        const text: string = demoTexts[language][key];
        assert.ok(text.trim(), `${language}.${key} is empty`);
        assert.deepEqual(placeholders(text), placeholders(demoTexts.en[key]), `${language}.${key}`);
        if (language !== 'en') assert.notEqual(text, demoTexts.en[key], `${language}.${key} is English`);
      }
    }
  });

  it('speaks English by default, with the durations the e2e tests read', async () => {
    const page = await loginPage('/login?reason=idle');
    assert.equal(page.html, '<html lang="en" dir="ltr">');
    assert.equal(page.heading, 'Sign in');
    assert.equal(page.notice, 'You were signed out after 2 minutes of inactivity.');
    assert.equal(page.cookie, null, 'no cookie for a language nobody chose');
  });

  it('takes ?lang=, says durations in that language, and remembers the choice for the session', async () => {
    const page = await loginPage('/login?reason=idle&lang=de');
    assert.equal(page.html, '<html lang="de" dir="ltr">');
    assert.equal(page.heading, 'Anmelden');
    assert.equal(page.notice, 'Sie wurden nach 2 Minuten ohne Aktivität abgemeldet.');
    assert.match(page.cookie ?? '', /^language=de; Path=\/; HttpOnly; SameSite=Lax$/, 'a session cookie (no Max-Age)');
    const next = await loginPage('/login?reason=idle', { Cookie: 'language=de', 'Accept-Language': 'fr' });
    assert.equal(next.heading, 'Anmelden', 'the choice wins over Accept-Language');
  });

  it("follows the browser's Accept-Language: regional tags and Simplified Chinese as zh-CN", async () => {
    assert.equal((await loginPage('/login', { 'Accept-Language': 'pt-BR,pt;q=0.9' })).html, '<html lang="pt" dir="ltr">');
    assert.equal((await loginPage('/login', { 'Accept-Language': 'zh-CN,zh;q=0.9' })).html, '<html lang="zh-Hans" dir="ltr">');
    assert.equal((await loginPage('/login', { 'Accept-Language': 'zh-TW,en;q=0.5' })).html, '<html lang="en" dir="ltr">');
  });

  it('sets dir="rtl" for Arabic and keeps durations in a frame that takes the nominative', async () => {
    const page = await loginPage('/login?reason=idle&lang=ar');
    assert.equal(page.html, '<html lang="ar" dir="rtl">');
    assert.equal(page.notice, 'تم تسجيل خروجك بسبب عدم النشاط (المدة: دقيقتان).');
  });

  it('ignores an unknown ?lang= and never echoes it', async () => {
    const page = await loginPage('/login?lang=%3Cscript%3E', { 'Accept-Language': 'sv' });
    assert.equal(page.html, '<html lang="sv" dir="ltr">');
    assert.equal(page.cookie, null);
    assert.doesNotMatch(page.body, /<script>/);
  });

  it('links this page in every language, the current one marked', async () => {
    const page = await loginPage('/login?reason=absolute&lang=uk');
    const links = [...page.body.matchAll(/<a href="\?([^"]*)" lang="([^"]*)"[^>]*?( aria-current="true")?>([^<]*)<\/a>/g)];
    assert.equal(links.length, demoLanguages.length);
    assert.deepEqual(links.filter((link) => link[3]).map((link) => link[4]), ['Українська']);
    assert.ok(links.every((link) => link[1]!.includes('reason=absolute')), 'the reason stays when switching');
  });

  it('carries no other query value into its links', async () => {
    const page = await loginPage(`/login?lang=de&reason=${encodeURIComponent('<img src=x onerror=alert(1)>')}&next=evil`);
    assert.doesNotMatch(page.body, /onerror|evil/);
  });
});
