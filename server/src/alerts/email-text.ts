import type {AlertEvent} from './queue.js';

/** The languages alert emails are written in: the library's first of these, else Finnish. */
const LANGS = ['fi', 'sv', 'en'] as const;
type Lang = (typeof LANGS)[number];

const WORDS = {
  fi: {
    surgeSubject: (library: string) => `${library}: paljon heikkoja arvioita`,
    surgeBody: (d: SurgeData) =>
      `Arviointiin "${d.ratingId}"${d.branch ? ` (toimipiste ${d.branch})` : ''} on tullut ${d.answers} vastausta ${d.windowMinutes} minuutissa, ` +
      `joista ${d.low} on kahta heikointa arvosanaa.`,
    digestSubject: (library: string, week: string) => `${library}: viikkokooste, viikko ${week}`,
    digestIntro: (from: string, to: string) => `Viikon ${from}–${to} vastaukset:`,
    votes: 'Äänet kyselyihin',
    answers: 'Vastaukset arviointeihin',
    newIdeas: 'Uudet ideat',
    answeredIdeas: 'Vastatut ideat',
    tooFew: 'liian vähän vastauksia näytettäväksi',
    testSubject: (library: string) => `${library}: testiviesti`,
    testBody: 'Tämä on hälytysten testiviesti. Sähköposti toimii.',
    footer: 'Viesti tuli kirjaston palautepalvelusta. Hälytysasetukset ovat hallintakonsolissa.',
  },
  sv: {
    surgeSubject: (library: string) => `${library}: många låga betyg`,
    surgeBody: (d: SurgeData) =>
      `Bedömningen "${d.ratingId}"${d.branch ? ` (filial ${d.branch})` : ''} har fått ${d.answers} svar på ${d.windowMinutes} minuter, ` +
      `varav ${d.low} med något av de två lägsta betygen.`,
    digestSubject: (library: string, week: string) => `${library}: veckosammandrag, vecka ${week}`,
    digestIntro: (from: string, to: string) => `Svaren under veckan ${from}–${to}:`,
    votes: 'Röster i enkäter',
    answers: 'Svar på bedömningar',
    newIdeas: 'Nya idéer',
    answeredIdeas: 'Besvarade idéer',
    tooFew: 'för få svar för att visas',
    testSubject: (library: string) => `${library}: testmeddelande`,
    testBody: 'Det här är ett testmeddelande för aviseringar. E-posten fungerar.',
    footer: 'Meddelandet kom från bibliotekets responstjänst. Aviseringarna ställs in i administrationskonsolen.',
  },
  en: {
    surgeSubject: (library: string) => `${library}: a surge of low ratings`,
    surgeBody: (d: SurgeData) =>
      `The rating "${d.ratingId}"${d.branch ? ` (branch ${d.branch})` : ''} got ${d.answers} answers in ${d.windowMinutes} minutes, ` +
      `${d.low} of them in the bottom two scores.`,
    digestSubject: (library: string, week: string) => `${library}: weekly digest, week ${week}`,
    digestIntro: (from: string, to: string) => `Answers in the week ${from}–${to}:`,
    votes: 'Votes in polls',
    answers: 'Answers to ratings',
    newIdeas: 'New ideas',
    answeredIdeas: 'Ideas answered',
    tooFew: 'too few answers to show',
    testSubject: (library: string) => `${library}: test message`,
    testBody: 'This is a test message of the alerts. Email works.',
    footer: "This message came from the library's feedback service. Alerts are set in the admin console.",
  },
} satisfies Record<Lang, unknown>;

interface SurgeData {
  ratingId: string;
  branch: string | null;
  answers: number;
  low: number;
  windowMinutes: number;
}

type Cell = number | {suppressed: true};
interface DigestItem {
  id: string;
  title: string;
  count: Cell;
}
interface DigestData {
  week: string;
  from: string;
  to: string;
  votes: Cell;
  answers: Cell;
  newIdeas: Cell;
  answeredIdeas: Cell;
  polls: DigestItem[];
  ratings: DigestItem[];
}

export const emailLang = (languages: readonly string[]): Lang => (languages.find((l) => (LANGS as readonly string[]).includes(l)) as Lang | undefined) ?? 'fi';

/** The subject and plain text of an event's email: only what the payload holds (counts and ids, no free text). */
export function emailOf(event: AlertEvent, library: string, lang: Lang): {subject: string; text: string} {
  const w = WORDS[lang];
  const cell = (c: Cell) => (typeof c === 'number' ? String(c) : w.tooFew);
  if (event.type === 'rating.low-surge') {
    return {subject: w.surgeSubject(library), text: `${w.surgeBody(event.data as unknown as SurgeData)}\n\n${w.footer}\n`};
  }
  if (event.type === 'digest.weekly') {
    const d = event.data as unknown as DigestData;
    const lines = [w.digestIntro(d.from, d.to), '', `${w.votes}: ${cell(d.votes)}`];
    for (const p of d.polls) lines.push(`  - ${p.title}: ${cell(p.count)}`);
    lines.push(`${w.answers}: ${cell(d.answers)}`);
    for (const r of d.ratings) lines.push(`  - ${r.title}: ${cell(r.count)}`);
    lines.push(`${w.newIdeas}: ${cell(d.newIdeas)}`, `${w.answeredIdeas}: ${cell(d.answeredIdeas)}`);
    return {subject: w.digestSubject(library, d.week), text: `${lines.join('\n')}\n\n${w.footer}\n`};
  }
  return {subject: w.testSubject(library), text: `${w.testBody}\n\n${w.footer}\n`};
}
