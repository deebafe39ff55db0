import {COMMON_FORM_ERRORS, inEveryPageLang, type PageWords} from '../pages/lang.js';

/** The few words of the standalone poll page. Northern Sami and plain Finnish fall back to Finnish word by word. */
export interface PageText {
  submit: string;
  other: string;
  chooseOne: string;
  chooseUpTo: (n: number) => string;
  thanks: string;
  results: string;
  votes: (n: number) => string;
  otherAnswers: string;
  closed: string;
  opensAt: (date: string) => string;
  resultsLater: string;
  notFound: string;
  back: string;
  errors: Record<string, string>;
}

const fi: PageText = {
  submit: 'Äänestä',
  other: 'Muu, mikä?',
  chooseOne: 'Valitse yksi vaihtoehto.',
  chooseUpTo: (n) => `Valitse enintään ${n} vaihtoehtoa.`,
  thanks: 'Kiitos vastauksestasi!',
  results: 'Tulokset',
  votes: (n) => (n === 1 ? '1 vastaus' : `${n} vastausta`),
  otherAnswers: 'Muu vastaus',
  closed: 'Tämä kysely on päättynyt.',
  opensAt: (d) => `Tämä kysely avautuu ${d}.`,
  resultsLater: 'Tulokset julkaistaan myöhemmin.',
  notFound: 'Kyselyä ei löytynyt. Tarkista osoite.',
  back: 'Takaisin kyselyyn',
  errors: {
    ...COMMON_FORM_ERRORS.fi,
    validation: 'Tarkista valintasi.',
    'already-voted': 'Olet jo vastannut tähän kyselyyn.',
    'poll-closed': 'Tämä kysely on päättynyt.',
    'poll-not-open': 'Tämä kysely ei ole vielä auki.',
    'rate-limited': 'Liian monta yritystä. Odota hetki ja yritä uudelleen.',
    'origin-not-allowed': 'Vastausta ei voi lähettää tältä sivustolta.',
  },
};

const sv: PageText = {
  submit: 'Rösta',
  other: 'Annat, vad?',
  chooseOne: 'Välj ett alternativ.',
  chooseUpTo: (n) => `Välj högst ${n} alternativ.`,
  thanks: 'Tack för ditt svar!',
  results: 'Resultat',
  votes: (n) => (n === 1 ? '1 svar' : `${n} svar`),
  otherAnswers: 'Annat svar',
  closed: 'Den här enkäten har stängts.',
  opensAt: (d) => `Den här enkäten öppnas ${d}.`,
  resultsLater: 'Resultaten publiceras senare.',
  notFound: 'Enkäten hittades inte. Kontrollera adressen.',
  back: 'Tillbaka till enkäten',
  errors: {
    ...COMMON_FORM_ERRORS.sv,
    validation: 'Kontrollera dina val.',
    'already-voted': 'Du har redan svarat på den här enkäten.',
    'poll-closed': 'Den här enkäten har stängts.',
    'poll-not-open': 'Den här enkäten är inte öppen ännu.',
    'rate-limited': 'För många försök. Vänta en stund och försök igen.',
    'origin-not-allowed': 'Svaret kan inte skickas från den här webbplatsen.',
  },
};

const en: PageText = {
  submit: 'Vote',
  other: 'Other, what?',
  chooseOne: 'Choose one option.',
  chooseUpTo: (n) => `Choose up to ${n} options.`,
  thanks: 'Thank you for your answer!',
  results: 'Results',
  votes: (n) => (n === 1 ? '1 answer' : `${n} answers`),
  otherAnswers: 'Other answer',
  closed: 'This poll has closed.',
  opensAt: (d) => `This poll opens on ${d}.`,
  resultsLater: 'The results will be published later.',
  notFound: 'Poll not found. Please check the address.',
  back: 'Back to the poll',
  errors: {
    ...COMMON_FORM_ERRORS.en,
    validation: 'Please check your choices.',
    'already-voted': 'You have already answered this poll.',
    'poll-closed': 'This poll has closed.',
    'poll-not-open': 'This poll is not open yet.',
    'rate-limited': 'Too many attempts. Please wait a moment and try again.',
    'origin-not-allowed': 'The answer cannot be sent from this site.',
  },
};

// Northern Sami: only words with a vetted source (docs/languages.md); the rest show in Finnish.
const se: PageWords<PageText>['se'] = {
  results: 'Bohtosat', // wikimedia/mediawiki languages/i18n/se.json, "apisandbox-results" (en "Results")
  // wikimedia/mediawiki-extensions-SecurePoll i18n/se.json, "securepoll-thanks" (en "Thank you, your vote has been recorded.")
  thanks: 'Giitu, du jietna lea registrerejuvvon.',
  // wikimedia/mediawiki-extensions-SecurePoll i18n/se.json, "securepoll-finished" (en "This election has finished, you can no longer vote.")
  closed: 'Jienasteapmi lea nohkan; don it sáhte šat jienastit.',
  errors: {'poll-closed': 'Jienasteapmi lea nohkan; don it sáhte šat jienastit.'},
};

// Plain Finnish (selkokieli): short sentences, common words, the reader addressed directly.
const plainFinnish: Partial<PageText> = {
  other: 'Muu vastaus. Kirjoita se tähän.',
  chooseOne: 'Valitse yksi vastaus.',
  chooseUpTo: (n) => `Voit valita enintään ${n} vastausta.`,
  thanks: 'Kiitos, että vastasit!',
  otherAnswers: 'Muu vastaus',
  closed: 'Tämä kysely on päättynyt. Et voi enää vastata.',
  opensAt: (d) => `Voit vastata tähän kyselyyn ${d} alkaen.`,
  resultsLater: 'Näet tulokset myöhemmin.',
  notFound: 'Emme löydä tätä kyselyä. Tarkista osoite.',
  back: 'Palaa kyselyyn',
  errors: {
    ...COMMON_FORM_ERRORS['fi-x-selko'],
    validation: 'Tarkista, mitä valitsit.',
    'already-voted': 'Olet jo vastannut tähän kyselyyn.',
    'poll-closed': 'Tämä kysely on päättynyt. Et voi enää vastata.',
    'poll-not-open': 'Et voi vielä vastata tähän kyselyyn.',
    'rate-limited': 'Olet yrittänyt liian monta kertaa. Odota hetki. Yritä sitten uudestaan.',
    'origin-not-allowed': 'Et voi vastata tällä sivulla.',
  },
};

export const PAGE_TEXT = inEveryPageLang<PageText>({fi, sv, en, se, 'fi-x-selko': plainFinnish});
