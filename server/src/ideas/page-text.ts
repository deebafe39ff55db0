import {COMMON_FORM_ERRORS, inEveryPageLang, type PageWords} from '../pages/lang.js';


/** The few words of the standalone idea page. Northern Sami and plain Finnish fall back to Finnish word by word. */
export interface IdeaPageText {
  yourIdea: (max: number) => string;
  category: string;
  noCategory: string;
  contact: string;
  contactNote: string;
  honeypot: string;
  submit: string;
  ideas: string;
  noIdeas: string;
  supports: (n: number) => string;
  status: Record<string, string>;
  answer: string;
  closed: string;
  opensAt: (date: string) => string;
  thanks: string;
  thanksPending: string;
  back: string;
  notFound: string;
  errors: Record<string, string>;
}

const fi: IdeaPageText = {
  yourIdea: (max) => `Ideasi (10–${max} merkkiä)`,
  category: 'Aihe',
  noCategory: 'Ei valittu',
  contact: 'Yhteystieto (vapaaehtoinen)',
  contactNote: 'Näkyy vain kirjaston henkilökunnalle.',
  honeypot: 'Jätä tämä kenttä tyhjäksi',
  submit: 'Lähetä idea',
  ideas: 'Ideat',
  noIdeas: 'Ei vielä julkaistuja ideoita.',
  supports: (n) => (n === 1 ? '1 kannatus' : `${n} kannatusta`),
  status: {new: 'Uusi', 'under-consideration': 'Harkinnassa', planned: 'Suunnitteilla', done: 'Toteutettu', declined: 'Ei toteuteta'},
  answer: 'Kirjaston vastaus',
  closed: 'Ideoiden lähettäminen on päättynyt.',
  opensAt: (d) => `Ideoita voi lähettää ${d} alkaen.`,
  thanks: 'Kiitos ideastasi!',
  thanksPending: 'Idea näkyy muille, kun se on tarkistettu.',
  back: 'Takaisin ideoihin',
  notFound: 'Ideapalstaa ei löytynyt. Tarkista osoite.',
  errors: {
    ...COMMON_FORM_ERRORS.fi,
    validation: 'Tarkista ideasi: 10 merkkiä tai enemmän, ei ohjausmerkkejä.',
    'too-fast': 'Lähetit lomakkeen hyvin nopeasti. Odota hetki ja lähetä uudelleen.',
    'spam-suspected': 'Lomakkeen piilokenttä oli täytetty.',
    'box-closed': 'Ideoiden lähettäminen on päättynyt.',
    'box-not-open': 'Ideoita ei voi vielä lähettää.',
    'rate-limited': 'Liian monta ideaa lyhyessä ajassa. Yritä myöhemmin uudelleen.',
    'origin-not-allowed': 'Ideaa ei voi lähettää tältä sivustolta.',
  },
};

const sv: IdeaPageText = {
  yourIdea: (max) => `Din idé (10–${max} tecken)`,
  category: 'Ämne',
  noCategory: 'Inte valt',
  contact: 'Kontaktuppgift (frivillig)',
  contactNote: 'Syns endast för bibliotekets personal.',
  honeypot: 'Lämna det här fältet tomt',
  submit: 'Skicka idén',
  ideas: 'Idéer',
  noIdeas: 'Inga publicerade idéer ännu.',
  supports: (n) => (n === 1 ? '1 stöder' : `${n} stöder`),
  status: {new: 'Ny', 'under-consideration': 'Övervägs', planned: 'Planerad', done: 'Genomförd', declined: 'Genomförs inte'},
  answer: 'Bibliotekets svar',
  closed: 'Det går inte längre att skicka idéer.',
  opensAt: (d) => `Idéer kan skickas från ${d}.`,
  thanks: 'Tack för din idé!',
  thanksPending: 'Idén syns för andra när den har granskats.',
  back: 'Tillbaka till idéerna',
  notFound: 'Idélådan hittades inte. Kontrollera adressen.',
  errors: {
    ...COMMON_FORM_ERRORS.sv,
    validation: 'Kontrollera din idé: minst 10 tecken, inga styrtecken.',
    'too-fast': 'Formuläret skickades mycket snabbt. Vänta en stund och skicka igen.',
    'spam-suspected': 'Formulärets dolda fält var ifyllt.',
    'box-closed': 'Det går inte längre att skicka idéer.',
    'box-not-open': 'Det går inte att skicka idéer ännu.',
    'rate-limited': 'För många idéer på kort tid. Försök igen senare.',
    'origin-not-allowed': 'Idén kan inte skickas från den här webbplatsen.',
  },
};

const en: IdeaPageText = {
  yourIdea: (max) => `Your idea (10–${max} characters)`,
  category: 'Topic',
  noCategory: 'Not chosen',
  contact: 'Contact (optional)',
  contactNote: 'Only library staff can see it.',
  honeypot: 'Leave this field empty',
  submit: 'Send idea',
  ideas: 'Ideas',
  noIdeas: 'No published ideas yet.',
  supports: (n) => (n === 1 ? '1 supporter' : `${n} supporters`),
  status: {new: 'New', 'under-consideration': 'Under consideration', planned: 'Planned', done: 'Done', declined: 'Declined'},
  answer: "The library's answer",
  closed: 'Ideas can no longer be sent.',
  opensAt: (d) => `Ideas can be sent from ${d}.`,
  thanks: 'Thank you for your idea!',
  thanksPending: 'Your idea will be visible after moderation.',
  back: 'Back to the ideas',
  notFound: 'Idea box not found. Please check the address.',
  errors: {
    ...COMMON_FORM_ERRORS.en,
    validation: 'Please check your idea: at least 10 characters, no control characters.',
    'too-fast': 'The form was sent very quickly. Please wait a moment and send it again.',
    'spam-suspected': "The form's hidden field was filled in.",
    'box-closed': 'Ideas can no longer be sent.',
    'box-not-open': 'Ideas cannot be sent yet.',
    'rate-limited': 'Too many ideas in a short time. Please try again later.',
    'origin-not-allowed': 'The idea cannot be sent from this site.',
  },
};

// Northern Sami: only words with a vetted source (docs/languages.md); the rest show in Finnish.
const se: PageWords<IdeaPageText>['se'] = {
  status: {
    new: 'Ođđa', // wikimedia/mediawiki languages/i18n/se.json, "newarticle" (en "(New)")
    done: 'Geargan', // wikimedia/mediawiki languages/i18n/se.json, "upload-dialog-button-done" (en "Done")
  },
};

// Plain Finnish (selkokieli): short sentences, common words, the reader addressed directly.
const plainFinnish: PageWords<IdeaPageText>['fi-x-selko'] = {
  yourIdea: (max) => `Sinun ideasi (10–${max} kirjainta tai merkkiä)`,
  contact: 'Sähköposti tai puhelinnumero (ei pakollinen)',
  contactNote: 'Vain kirjaston työntekijät näkevät tämän.',
  noIdeas: 'Täällä ei ole vielä ideoita.',
  status: {'under-consideration': 'Kirjasto miettii tätä', planned: 'Kirjasto aikoo tehdä tämän', done: 'Tehty', declined: 'Kirjasto ei tee tätä'},
  closed: 'Et voi enää lähettää ideoita.',
  opensAt: (d) => `Voit lähettää ideoita ${d} alkaen.`,
  thanksPending: 'Kirjasto lukee ideasi ensin. Sen jälkeen muut näkevät sen.',
  back: 'Palaa ideoihin',
  notFound: 'Emme löydä tätä sivua. Tarkista osoite.',
  errors: {
    ...COMMON_FORM_ERRORS['fi-x-selko'],
    validation: 'Tarkista ideasi. Kirjoita vähintään 10 kirjainta tai merkkiä.',
    'too-fast': 'Lähetit lomakkeen liian nopeasti. Odota hetki. Lähetä sitten uudestaan.',
    'spam-suspected': 'Lomakkeessa oli virhe. Lataa sivu uudestaan.',
    'box-closed': 'Et voi enää lähettää ideoita.',
    'box-not-open': 'Et voi vielä lähettää ideoita.',
    'rate-limited': 'Olet lähettänyt monta ideaa lyhyessä ajassa. Yritä myöhemmin uudestaan.',
    'origin-not-allowed': 'Et voi lähettää ideaa tällä sivulla.',
  },
};

export const IDEA_PAGE_TEXT = inEveryPageLang<IdeaPageText>({fi, sv, en, se, 'fi-x-selko': plainFinnish});
