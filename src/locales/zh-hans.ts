import { defineLocale } from '../i18n/registry.js';

/** Chinese (Simplified): polite 您, as mainland government service portals write. */
export default defineLocale('zh-hans', {
  heading: '您还在使用吗？',
  warning: '您已有{inactive}未进行任何操作。为保障账户安全，无操作达{limit}后将自动退出登录。',
  absoluteHeading: '您的会话即将结束',
  absoluteWarning: '为保障安全，您的会话将于{time}结束，且无法延长。请立即保存您的工作，之后可重新登录。',
  unsaved: '此页面有未保存的更改。',
  timeLeft: '剩余时间：',
  extend: '保持登录',
  dismiss: '知道了',
  logout: '立即退出登录',
  expired: '您的会话已结束。',
  signInAgain: '重新登录',
  keptHeading: '您的会话已结束',
  keptWork: '您未保存的更改仍在此页面，重新登录前暂时隐藏。请在新标签页中登录后返回此处继续。',
  leave: '不保存并离开',
  announceIdle: '您将在{duration}后退出登录。',
  announceAbsolute: '您的会话将于{time}结束，且无法延长。请立即保存您的工作。',
  stillSignedIn: '您仍处于登录状态。',
  signedInAgain: '您已重新登录。',
  signingOut: '正在退出登录…',
});
