import {COMMON_FORM_ERRORS, inEveryPageLang, type PageWords} from '../pages/lang.js';
import type {Scale} from './schema.js';


/** The few words of the standalone rating page and the kiosk. Northern Sami and plain Finnish fall back to Finnish word by word. */
export interface RatingPageText {
  submit: string;
  comment: string;
  chooseScore: string;
  thanks: string;
  closed: string;
  opensAt: (date: string) => string;
  notFound: string;
  back: string;
  /** The comment asked for after a low score, and its button. */
  followUp: string;
  sendComment: string;
  /** A text label for each score of a scale, so the no-JavaScript form needs no pictures. */
  scoreLabel: (scale: Scale, score: number) => string;
  errors: Record<string, string>;
}

const fiLabels: Record<Exclude<Scale, 'nps'>, string[]> = {
  'smileys-4': ['Tyytymätön', 'Melko tyytymätön', 'Melko tyytyväinen', 'Tyytyväinen'],
  'smileys-5': ['Erittäin tyytymätön', 'Tyytymätön', 'Ei tyytyväinen eikä tyytymätön', 'Tyytyväinen', 'Erittäin tyytyväinen'],
  'stars-5': ['1 tähti', '2 tähteä', '3 tähteä', '4 tähteä', '5 tähteä'],
  thumbs: ['Peukku alas', 'Peukku ylös'],
};
const svLabels: typeof fiLabels = {
  'smileys-4': ['Missnöjd', 'Ganska missnöjd', 'Ganska nöjd', 'Nöjd'],
  'smileys-5': ['Mycket missnöjd', 'Missnöjd', 'Varken nöjd eller missnöjd', 'Nöjd', 'Mycket nöjd'],
  'stars-5': ['1 stjärna', '2 stjärnor', '3 stjärnor', '4 stjärnor', '5 stjärnor'],
  thumbs: ['Tummen ner', 'Tummen upp'],
};
const enLabels: typeof fiLabels = {
  'smileys-4': ['Dissatisfied', 'Somewhat dissatisfied', 'Somewhat satisfied', 'Satisfied'],
  'smileys-5': ['Very dissatisfied', 'Dissatisfied', 'Neither satisfied nor dissatisfied', 'Satisfied', 'Very satisfied'],
  'stars-5': ['1 star', '2 stars', '3 stars', '4 stars', '5 stars'],
  thumbs: ['Thumbs down', 'Thumbs up'],
};

function labeller(labels: typeof fiLabels, npsLow: string, npsHigh: string) {
  return (scale: Scale, score: number): string => {
    if (scale === 'nps') return score === 0 ? `0 – ${npsLow}` : score === 10 ? `10 – ${npsHigh}` : String(score);
    const offset = scale === 'thumbs' ? 0 : 1;
    return labels[scale][score - offset] ?? String(score);
  };
}

const fi: RatingPageText = {
  submit: 'Lähetä',
  comment: 'Kommentti (vapaaehtoinen)',
  chooseScore: 'Valitse yksi.',
  thanks: 'Kiitos palautteestasi!',
  closed: 'Tämä palautekysely on päättynyt.',
  opensAt: (d) => `Tämä palautekysely avautuu ${d}.`,
  notFound: 'Palautekyselyä ei löytynyt. Tarkista osoite.',
  back: 'Takaisin',
  followUp: 'Kerro halutessasi, mikä ei toiminut. Voit myös jättää tämän tyhjäksi.',
  sendComment: 'Lähetä kommentti',
  scoreLabel: labeller(fiLabels, 'Erittäin epätodennäköisesti', 'Erittäin todennäköisesti'),
  errors: {
    ...COMMON_FORM_ERRORS.fi,
    validation: 'Tarkista vastauksesi.',
    'already-rated': 'Olet jo vastannut tänään. Kiitos!',
    'rating-closed': 'Tämä palautekysely on päättynyt.',
    'rating-not-open': 'Tämä palautekysely ei ole vielä auki.',
    'response-exists': 'Vastauksesi on jo tallennettu.',
    'rate-limited': 'Liian monta yritystä. Odota hetki ja yritä uudelleen.',
    'origin-not-allowed': 'Vastausta ei voi lähettää tältä sivustolta.',
  },
};

const sv: RatingPageText = {
  submit: 'Skicka',
  comment: 'Kommentar (frivillig)',
  chooseScore: 'Välj ett alternativ.',
  thanks: 'Tack för din respons!',
  closed: 'Den här enkäten har stängts.',
  opensAt: (d) => `Den här enkäten öppnas ${d}.`,
  notFound: 'Enkäten hittades inte. Kontrollera adressen.',
  back: 'Tillbaka',
  followUp: 'Berätta gärna vad som inte fungerade. Du kan också lämna det tomt.',
  sendComment: 'Skicka kommentar',
  scoreLabel: labeller(svLabels, 'Inte alls sannolikt', 'Mycket sannolikt'),
  errors: {
    ...COMMON_FORM_ERRORS.sv,
    validation: 'Kontrollera ditt svar.',
    'already-rated': 'Du har redan svarat i dag. Tack!',
    'rating-closed': 'Den här enkäten har stängts.',
    'rating-not-open': 'Den här enkäten är inte öppen ännu.',
    'response-exists': 'Ditt svar har redan sparats.',
    'rate-limited': 'För många försök. Vänta en stund och försök igen.',
    'origin-not-allowed': 'Svaret kan inte skickas från den här webbplatsen.',
  },
};

const en: RatingPageText = {
  submit: 'Send',
  comment: 'Comment (optional)',
  chooseScore: 'Choose one.',
  thanks: 'Thank you for your feedback!',
  closed: 'This feedback survey has closed.',
  opensAt: (d) => `This feedback survey opens on ${d}.`,
  notFound: 'Feedback survey not found. Please check the address.',
  back: 'Back',
  followUp: 'If you like, tell us what did not work. You can also leave this empty.',
  sendComment: 'Send comment',
  scoreLabel: labeller(enLabels, 'Not at all likely', 'Extremely likely'),
  errors: {
    ...COMMON_FORM_ERRORS.en,
    validation: 'Please check your answer.',
    'already-rated': 'You have already answered today. Thank you!',
    'rating-closed': 'This feedback survey has closed.',
    'rating-not-open': 'This feedback survey is not open yet.',
    'response-exists': 'Your answer has already been saved.',
    'rate-limited': 'Too many attempts. Please wait a moment and try again.',
    'origin-not-allowed': 'The answer cannot be sent from this site.',
  },
};

// Northern Sami: only words with a vetted source (docs/languages.md); the rest show in Finnish.
const se: PageWords<RatingPageText>['se'] = {
  submit: 'Sádde', // wikimedia/mediawiki languages/i18n/se.json, "emailsend" (en "Send")
  back: 'Ruovttoluotta', // wikimedia/mediawiki languages/i18n/se.json, "upload-dialog-button-back" (en "Back")
  // Composed: "filehist-comment" (en "Comment") and "(eaktodáhtolaš)" as in "createacct-emailoptional".
  comment: 'Kommentára (eaktodáhtolaš)',
};

const plainFiLabels: typeof fiLabels = {
  ...fiLabels,
  'smileys-5': ['Todella tyytymätön', 'Tyytymätön', 'Ei hyvä eikä huono', 'Tyytyväinen', 'Todella tyytyväinen'],
};

// Plain Finnish (selkokieli): short sentences, common words, the reader addressed directly.
const plainFinnish: Partial<RatingPageText> = {
  comment: 'Haluatko kirjoittaa jotain? (ei pakollinen)',
  chooseScore: 'Valitse yksi vastaus.',
  thanks: 'Kiitos, että vastasit!',
  closed: 'Tämä kysely on päättynyt. Et voi enää vastata.',
  opensAt: (d) => `Voit vastata tähän kyselyyn ${d} alkaen.`,
  notFound: 'Emme löydä tätä kyselyä. Tarkista osoite.',
  scoreLabel: labeller(plainFiLabels, 'Ei ollenkaan todennäköistä', 'Hyvin todennäköistä'),
  errors: {
    ...COMMON_FORM_ERRORS['fi-x-selko'],
    validation: 'Tarkista vastauksesi.',
    'already-rated': 'Olet jo vastannut tänään. Kiitos!',
    'rating-closed': 'Tämä kysely on päättynyt. Et voi enää vastata.',
    'rating-not-open': 'Et voi vielä vastata tähän kyselyyn.',
    'response-exists': 'Vastauksesi on jo tallessa.',
    'rate-limited': 'Olet yrittänyt liian monta kertaa. Odota hetki. Yritä sitten uudestaan.',
    'origin-not-allowed': 'Et voi vastata tällä sivulla.',
  },
};

export const RATING_PAGE_TEXT = inEveryPageLang<RatingPageText>({fi, sv, en, se, 'fi-x-selko': plainFinnish});
