import { defineLocale } from '../i18n/registry.js';

/**
 * Welsh: "chi", in the words of the GOV.UK and HMRC Welsh services ("Er eich diogelwch",
 * "Parhau i fod wedi’ch mewngofnodi", "Mewngofnodi eto"). The durations follow prepositions
 * ("am", "ymhen", "ar ôl") that leave Intl's "2 funud" / "5 munud" as they are.
 */
export default defineLocale('cy', {
  heading: 'Ydych chi’n dal yno?',
  warning:
    'Rydych wedi bod yn anweithgar am {inactive}. Er eich diogelwch, byddwn yn eich allgofnodi ar ôl {limit} o anweithgarwch.',
  absoluteHeading: 'Bydd eich sesiwn yn dod i ben cyn bo hir',
  absoluteWarning:
    'Er eich diogelwch, bydd y sesiwn hon yn dod i ben am {time} ac nid oes modd ei hymestyn. Cadwch eich gwaith nawr; gallwch fewngofnodi eto wedyn.',
  unsaved: 'Mae gennych newidiadau heb eu cadw ar y dudalen hon.',
  timeLeft: 'Amser ar ôl:',
  extend: 'Parhau i fod wedi’ch mewngofnodi',
  dismiss: 'Iawn',
  logout: 'Allgofnodi nawr',
  expired: 'Mae eich sesiwn wedi dod i ben.',
  signInAgain: 'Mewngofnodi eto',
  keptHeading: 'Mae eich sesiwn wedi dod i ben',
  keptWork:
    'Mae eich newidiadau heb eu cadw yma o hyd, wedi’u cuddio nes i chi fewngofnodi eto. Mewngofnodwch mewn tab newydd, yna dewch yn ôl: bydd y dudalen hon yn parhau o’r man lle gwnaethoch ei gadael.',
  leave: 'Gadael heb gadw',
  announceIdle: 'Byddwch yn cael eich allgofnodi ymhen {duration}.',
  announceAbsolute: 'Bydd eich sesiwn yn dod i ben am {time} ac nid oes modd ei hymestyn. Cadwch eich gwaith nawr.',
  stillSignedIn: 'Rydych wedi mewngofnodi o hyd.',
  signedInAgain: 'Rydych wedi mewngofnodi eto.',
  signingOut: 'Wrthi’n eich allgofnodi…',
  // CLDR's words, for a browser whose Intl has no Welsh (Debian's Chromium).
  units: { minute: { two: '{n} funud', other: '{n} munud' }, second: { other: '{n} eiliad' } },
});
