import {inEveryPageLang} from '../pages/lang.js';

/** The words of the public "you said, we did" page, its feed and its poster. Sami falls back to Finnish. */
export interface PublicPageText {
  title: string;
  intro: string;
  ideas: string;
  noIdeas: string;
  status: string;
  answer: string;
  answered: (date: string) => string;
  polls: string;
  noPolls: string;
  closed: (date: string) => string;
  other: string;
  ratings: string;
  noRatings: string;
  month: string;
  answers: string;
  mean: string;
  satisfied: string;
  nps: string;
  noBranch: string;
  /** A cell with fewer answers than the library's threshold: distinct from "no answers". */
  tooFew: string;
  noAnswers: string;
  votes: (n: number) => string;
  /** What "satisfied" means for the scale: the top two of five, thumbs up, 9–10. */
  satisfiedMeans: (scale: string) => string;
  smallNumbers: (threshold: number) => string;
  subscribe: string;
  feed: string;
  json: string;
  posters: string;
  posterTitle: string;
  /** The poster's heading over one branch's ratings. */
  posterRatings: string;
  posterScan: string;
  notFound: string;
}

const fi: PublicPageText = {
  title: 'Te sanoitte, me teimme',
  intro: 'Kirjasto kysyi ja kuunteli. Tässä on, mitä vastasitte ja mitä kirjasto teki.',
  ideas: 'Ideat, joihin kirjasto vastasi',
  noIdeas: 'Kirjasto ei ole vielä julkaissut vastauksia ideoihin.',
  status: 'Tila',
  answer: 'Kirjaston vastaus',
  answered: (d) => `Vastattu ${d}`,
  polls: 'Kyselyjen tulokset',
  noPolls: 'Kirjasto ei ole vielä julkaissut kyselyjen tuloksia.',
  closed: (d) => `Päättyi ${d}`,
  other: 'Muu vastaus',
  ratings: 'Arviot toimipisteittäin kuukausi kerrallaan',
  noRatings: 'Kirjasto ei ole vielä julkaissut arvioiden yhteenvetoja.',
  month: 'Kuukausi',
  answers: 'Vastauksia',
  mean: 'Keskiarvo',
  satisfied: 'Tyytyväisiä',
  nps: 'NPS',
  noBranch: 'Ei toimipistettä (esimerkiksi verkossa)',
  tooFew: 'liian vähän vastauksia näytettäväksi',
  noAnswers: 'ei vastauksia',
  votes: (n) => (n === 1 ? '1 vastaus' : `${n} vastausta`),
  satisfiedMeans: (scale) =>
    scale === 'thumbs' ? 'Tyytyväisiä: peukku ylös.' : scale === 'nps' ? 'Tyytyväisiä: arvosanat 9–10. NPS: arvosanat 9–10 miinus arvosanat 0–6, prosenttiyksikköinä.' : 'Tyytyväisiä: kaksi parasta arvosanaa.',
  smallNumbers: (t) => `Vastaajien nimettömyyden vuoksi alle ${t} vastauksen lukuja ei näytetä.`,
  subscribe: 'Seuraa',
  feed: 'Atom-syöte',
  json: 'Tiedot JSON-muodossa',
  posters: 'Tulostettavat tulosjulisteet',
  posterTitle: 'Te sanoitte, me teimme',
  posterRatings: 'Arviot kuukausittain',
  posterScan: 'Lisää tuloksia kirjaston verkkosivulla',
  notFound: 'Kirjastoa ei löytynyt. Tarkista osoite.',
};

const sv: PublicPageText = {
  title: 'Ni sa, vi gjorde',
  intro: 'Biblioteket frågade och lyssnade. Här är vad ni svarade och vad biblioteket gjorde.',
  ideas: 'Idéer som biblioteket har svarat på',
  noIdeas: 'Biblioteket har ännu inte publicerat svar på idéer.',
  status: 'Status',
  answer: 'Bibliotekets svar',
  answered: (d) => `Besvarad ${d}`,
  polls: 'Resultat av enkäter',
  noPolls: 'Biblioteket har ännu inte publicerat resultat av enkäter.',
  closed: (d) => `Avslutades ${d}`,
  other: 'Annat svar',
  ratings: 'Betyg per bibliotek, månad för månad',
  noRatings: 'Biblioteket har ännu inte publicerat sammanfattningar av betyg.',
  month: 'Månad',
  answers: 'Svar',
  mean: 'Medelvärde',
  satisfied: 'Nöjda',
  nps: 'NPS',
  noBranch: 'Inget bibliotek (till exempel på webben)',
  tooFew: 'för få svar för att visas',
  noAnswers: 'inga svar',
  votes: (n) => (n === 1 ? '1 svar' : `${n} svar`),
  satisfiedMeans: (scale) =>
    scale === 'thumbs' ? 'Nöjda: tummen upp.' : scale === 'nps' ? 'Nöjda: betygen 9–10. NPS: betygen 9–10 minus betygen 0–6, i procentenheter.' : 'Nöjda: de två bästa betygen.',
  smallNumbers: (t) => `För att skydda svararnas anonymitet visas inte tal under ${t} svar.`,
  subscribe: 'Följ',
  feed: 'Atom-flöde',
  json: 'Uppgifterna som JSON',
  posters: 'Resultataffischer att skriva ut',
  posterTitle: 'Ni sa, vi gjorde',
  posterRatings: 'Betyg månad för månad',
  posterScan: 'Fler resultat på bibliotekets webbsida',
  notFound: 'Biblioteket hittades inte. Kontrollera adressen.',
};

const en: PublicPageText = {
  title: 'You said, we did',
  intro: 'The library asked and listened. Here is what you answered and what the library did.',
  ideas: 'Ideas the library answered',
  noIdeas: 'The library has not published answers to ideas yet.',
  status: 'Status',
  answer: "The library's answer",
  answered: (d) => `Answered ${d}`,
  polls: 'Poll results',
  noPolls: 'The library has not published poll results yet.',
  closed: (d) => `Closed ${d}`,
  other: 'Other answer',
  ratings: 'Ratings by branch, month by month',
  noRatings: 'The library has not published rating summaries yet.',
  month: 'Month',
  answers: 'Answers',
  mean: 'Average',
  satisfied: 'Satisfied',
  nps: 'NPS',
  noBranch: 'No branch (for example on the web)',
  tooFew: 'too few answers to show',
  noAnswers: 'no answers',
  votes: (n) => (n === 1 ? '1 answer' : `${n} answers`),
  satisfiedMeans: (scale) =>
    scale === 'thumbs' ? 'Satisfied: thumbs up.' : scale === 'nps' ? 'Satisfied: scores 9–10. NPS: scores 9–10 minus scores 0–6, in points.' : 'Satisfied: the top two scores.',
  smallNumbers: (t) => `To keep answers anonymous, numbers under ${t} answers are not shown.`,
  subscribe: 'Follow',
  feed: 'Atom feed',
  json: 'The data as JSON',
  posters: 'Printable results posters',
  posterTitle: 'You said, we did',
  posterRatings: 'Ratings month by month',
  posterScan: "More results on the library's web page",
  notFound: 'Library not found. Please check the address.',
};

/** Plain Finnish (selkokieli): short sentences, everyday words. */
const plainFinnish: Partial<PublicPageText> = {
  title: 'Te sanoitte, me teimme',
  intro: 'Kirjasto kysyi teiltä asioita. Tässä ovat vastaukset. Tässä on myös se, mitä kirjasto teki.',
  ideas: 'Ideat ja kirjaston vastaukset',
  noIdeas: 'Täällä ei ole vielä vastauksia.',
  polls: 'Kyselyiden tulokset',
  noPolls: 'Täällä ei ole vielä tuloksia.',
  ratings: 'Arviot kirjastoittain. Yksi kuukausi kerrallaan.',
  noRatings: 'Täällä ei ole vielä arvioita.',
  tooFew: 'liian vähän vastauksia näytettäväksi',
  smallNumbers: (t) => `Emme näytä lukua, jos vastauksia on alle ${t}. Näin kukaan ei tiedä, kuka vastasi.`,
  notFound: 'Kirjastoa ei löytynyt. Katso, että osoite on oikein.',
};

export const PUBLIC_PAGE_TEXT = inEveryPageLang<PublicPageText>({fi, sv, en, 'fi-x-selko': plainFinnish});
