import { defineLocale } from '../i18n/registry.js';

/**
 * Arabic (Modern Standard), formal and impersonal where Arabic would mark the reader's gender.
 * Durations stand after a colon or in parentheses, where Intl's nominative ("دقيقتان", "5 دقائق")
 * is correct; after a preposition they would need the genitive.
 */
export default defineLocale('ar', {
  heading: 'هل ما زلت هنا؟',
  warning:
    'مدة عدم النشاط: {inactive}. حفاظًا على أمانك، يُسجَّل خروجك عند بلوغ الحد ({limit}).',
  absoluteHeading: 'ستنتهي جلستك قريبًا',
  absoluteWarning:
    'حفاظًا على أمانك، تنتهي جلستك الساعة {time} ولا يمكن تمديدها. يُرجى حفظ عملك الآن.',
  unsaved: 'في هذه الصفحة تغييرات غير محفوظة.',
  timeLeft: 'الوقت المتبقي:',
  extend: 'تمديد الجلسة',
  dismiss: 'حسنًا',
  logout: 'تسجيل الخروج الآن',
  expired: 'انتهت جلستك.',
  signInAgain: 'تسجيل الدخول مجددًا',
  keptHeading: 'انتهت جلستك',
  keptWork:
    'تغييراتك غير المحفوظة مخفية حتى تسجيل الدخول مجددًا في علامة تبويب جديدة ثم العودة إلى هنا للمتابعة.',
  leave: 'المغادرة دون حفظ',
  announceIdle: 'الوقت المتبقي قبل تسجيل الخروج: {duration}.',
  announceAbsolute: 'تنتهي جلستك الساعة {time} ولا يمكن تمديدها. يُرجى حفظ عملك الآن.',
  stillSignedIn: 'تم تمديد جلستك.',
  signedInAgain: 'تم تسجيل الدخول مجددًا.',
  signingOut: 'جارٍ تسجيل الخروج…',
});
