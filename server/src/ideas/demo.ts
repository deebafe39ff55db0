import type {Db, Queryable} from '../db/db.js';
import {daysFrom} from '../demo/days.js';
import type {Text} from '../http/contract.js';
import type {IdeaState, IdeaStatus} from './schema.js';
import {countListed, insertBox, insertIdea} from './store.js';

interface DemoIdea {
  id: string;
  text: string;
  /** The language it was sent in; Finnish unless given. */
  lang?: 'sv' | 'en';
  category?: string;
  status?: IdeaStatus;
  answer?: Text;
  supports?: number;
  state?: IdeaState;
  daysAgo: number;
  contact?: string;
  mergedInto?: string;
}

const IDEAS: DemoIdea[] = [
  {
    id: 'demo-idea-sunday',
    text: 'Kirjasto voisi olla auki myös sunnuntaisin, edes muutaman tunnin. Arkena en ehdi käydä.',
    category: 'services',
    status: 'planned',
    supports: 42,
    daysAgo: 40,
    answer: {
      fi: 'Kiitos! Pääkirjasto on kokeilussa auki sunnuntaisin klo 12–16 ensi syksystä alkaen.',
      sv: 'Tack! Huvudbiblioteket håller på försök öppet på söndagar kl. 12–16 från och med hösten.',
      en: 'Thank you! From the autumn the main library will try opening on Sundays, 12–4 pm.',
    },
  },
  {
    id: 'demo-idea-quiet',
    text: 'Hiljainen lukusali, jossa ei saa puhua puhelimeen. Nyt opiskelutilat ovat meluisia.',
    category: 'spaces',
    status: 'done',
    supports: 31,
    daysAgo: 90,
    answer: {
      fi: 'Te sanoitte, me teimme: toisen kerroksen lukusali on nyt hiljainen tila.',
      sv: 'Ni sa, vi gjorde: läsesalen på andra våningen är nu ett tyst rum.',
      en: 'You said, we did: the reading room on the second floor is now a quiet space.',
    },
  },
  {
    id: 'demo-idea-games',
    text: 'Lautapeli-iltoja nuorille perjantaisin! Pelejä voisi myös lainata kotiin.',
    category: 'events',
    status: 'under-consideration',
    supports: 18,
    daysAgo: 20,
    answer: {fi: 'Selvitämme pelien lainaamista. Peli-illoista lisää keväällä.', sv: 'Vi utreder utlåning av spel. Mer om spelkvällar i vår.'},
  },
  {id: 'demo-idea-plants', text: 'Siemenkirjasto: vaihdetaan kasvien siemeniä ja pistokkaita kirjastossa keväisin.', category: 'collections', supports: 9, daysAgo: 6},
  {
    id: 'demo-idea-sv',
    lang: 'sv',
    text: 'Fler böcker och tidningar på svenska, gärna också lättläst svenska för nybörjare.',
    category: 'collections',
    status: 'under-consideration',
    supports: 7,
    daysAgo: 12,
    contact: 'ann.example@example.org',
  },
  {
    id: 'demo-idea-en',
    lang: 'en',
    text: 'A conversation club for people learning Finnish would help newcomers a lot.',
    category: 'events',
    status: 'done',
    supports: 12,
    daysAgo: 60,
    answer: {
      fi: 'Suomen kielen keskusteluryhmä kokoontuu nyt tiistaisin klo 17.',
      sv: 'En samtalsgrupp i finska träffas nu på tisdagar kl. 17.',
      en: 'A Finnish conversation group now meets on Tuesdays at 5 pm.',
    },
  },
  {
    id: 'demo-idea-drone',
    text: 'Kirjasto voisi lainata droneja ja opettaa niiden lennättämistä kaikille halukkaille.',
    category: 'services',
    status: 'declined',
    supports: 3,
    daysAgo: 30,
    answer: {
      fi: 'Kiitos ideasta! Droneja emme valitettavasti voi lainata vakuutussyistä.',
      sv: 'Tack för idén! Drönare kan vi tyvärr inte låna ut av försäkringsskäl.',
      en: 'Thank you! Sadly, we cannot lend drones for insurance reasons.',
    },
  },
  {id: 'demo-idea-cafe', text: 'Pieni kahvila aulaan, niin kirjastossa voisi viettää pidempään.', category: 'spaces', supports: 5, daysAgo: 2},
  {
    id: 'demo-idea-sunday-dup',
    text: 'Sunnuntaiaukiolo olisi tosi kiva, koska arkena on töissä.',
    category: 'services',
    supports: 0,
    daysAgo: 15,
    mergedInto: 'demo-idea-sunday',
  },
  {id: 'demo-idea-pending', text: 'Saisiko lastenosastolle lisää säkkituoleja?', category: 'spaces', state: 'pending', daysAgo: 1},
  {id: 'demo-idea-hidden', text: 'Tämä viesti ei liity kirjastoon ja on piilotettu.', state: 'hidden', daysAgo: 3},
];

/**
 * The demo idea boxes, each seeded once into a database that lacks it (also into existing demo
 * databases): `demo-ideas` with ideas in every status, and `demo-ideas-village`, moderated before
 * publication and still empty, so both the first idea and the waiting-for-moderation path can be tried.
 */
export async function seedDemoIdeas(db: Db, now = new Date()): Promise<boolean> {
  const main = await seedMainBox(db, now);
  const village = await db.transaction(async (tx) => {
    if ((await tx.query("select 1 from tenants where id = 'demo'")).length === 0) return false;
    if ((await tx.query("select 1 from idea_boxes where id = 'demo-ideas-village'")).length > 0) return false;
    await insertBox(tx, {
      id: 'demo-ideas-village',
      tenantId: 'demo',
      topic: {fi: 'Mitä toivot kylän kirjastolta?', sv: 'Vad önskar du av byns bibliotek?', en: 'What would you like from the village library?'},
      moderation: 'pre',
      opensAt: daysFrom(now, -7),
    });
    return true;
  });
  return main || village;
}

async function seedMainBox(db: Db, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    if ((await tx.query("select 1 from tenants where id = 'demo'")).length === 0) return false;
    if ((await tx.query("select 1 from idea_boxes where id = 'demo-ideas'")).length > 0) return false;
    await insertBox(tx, {
      id: 'demo-ideas',
      tenantId: 'demo',
      topic: {fi: 'Millainen olisi unelmiesi kirjasto?', sv: 'Hur skulle ditt drömbibliotek se ut?', en: 'What would your dream library be like?'},
      description: {
        fi: 'Kerro ideasi ja kannata muiden ideoita. Vastaamme jokaiseen julkaistuun ideaan.',
        sv: 'Berätta om din idé och stöd andras idéer. Vi svarar på varje publicerad idé.',
        en: "Share your idea and support others' ideas. We answer every published idea.",
      },
      categories: [
        {id: 'spaces', label: {fi: 'Tilat', sv: 'Lokaler', en: 'Spaces'}},
        {id: 'events', label: {fi: 'Tapahtumat', sv: 'Evenemang', en: 'Events'}},
        {id: 'collections', label: {fi: 'Kokoelmat', sv: 'Samlingar', en: 'Collections'}},
        {id: 'services', label: {fi: 'Palvelut', sv: 'Tjänster', en: 'Services'}},
      ],
      moderation: 'post',
      allowContact: true,
      opensAt: daysFrom(now, -120),
    });
    for (const idea of IDEAS) {
      await insertIdea(tx, {
        id: idea.id,
        boxId: 'demo-ideas',
        text: idea.text,
        lang: idea.lang ?? 'fi',
        category: idea.category,
        contact: idea.contact,
        state: idea.state ?? 'published',
        status: idea.status,
        answer: idea.answer,
        channel: idea.daysAgo % 3 === 0 ? 'qr' : 'web',
        createdAt: daysFrom(now, -idea.daysAgo),
      });
      if (idea.supports) await seedSupports(tx, idea.id, idea.supports);
      if (idea.mergedInto) {
        await tx.query('update ideas set merged_into = $2 where id = $1', [idea.id, idea.mergedInto]);
        await countListed(tx, 'demo-ideas', -1);
      }
    }
    return true;
  });
}

/** Real support rows with random voter hashes, counted like any support (migration 010). */
async function seedSupports(tx: Queryable, ideaId: string, count: number): Promise<void> {
  await tx.query(
    `insert into idea_supports (idea_id, voter_hash)
     select $1, md5(random()::text || clock_timestamp()::text || g::text) from generate_series(1, $2::int) g`,
    [ideaId, count],
  );
}
