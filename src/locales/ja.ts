import { defineLocale } from '../i18n/registry.js';

/** Japanese: です/ます, as Japanese public and banking services write. */
export default defineLocale('ja', {
  heading: 'まだご利用中ですか？',
  warning: '{inactive}操作がありません。セキュリティのため、{limit}操作がないと自動的にログアウトします。',
  absoluteHeading: 'まもなくセッションが終了します',
  absoluteWarning: 'セキュリティのため、セッションは{time}に終了し、延長できません。作業内容を今すぐ保存してください。',
  unsaved: 'このページに未保存の変更があります。',
  timeLeft: '残り時間：',
  extend: 'ログインを続ける',
  dismiss: '閉じる',
  logout: '今すぐログアウト',
  expired: 'セッションが終了しました。',
  signInAgain: '再度ログイン',
  keptHeading: 'セッションが終了しました',
  keptWork: '未保存の変更は、再度ログインするまで非表示で保持されます。新しいタブでログインしてから、このページに戻ってください。',
  leave: '保存せずに終了',
  announceIdle: 'あと{duration}でログアウトします。',
  announceAbsolute: 'セッションは{time}に終了し、延長できません。作業内容を今すぐ保存してください。',
  stillSignedIn: 'ログイン状態を継続しました。',
  signedInAgain: '再度ログインしました。',
  signingOut: 'ログアウト中…',
});
