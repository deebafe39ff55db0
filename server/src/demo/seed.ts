import {randomBytes} from 'node:crypto';
import type {Db} from '../db/db.js';
import {insertPoll, insertVote} from '../polls/store.js';
import {seedDemoIdeas} from '../ideas/demo.js';
import {seedDemoRatings} from '../ratings/demo.js';
import {insertBranch, insertTenant, tenantExists} from '../tenants/store.js';
import {daysFrom} from './days.js';

/** Demo content with stable ids, seeded once into a database without tenant `demo`. Returns whether it seeded. */
export async function seedDemo(db: Db, now = new Date()): Promise<boolean> {
  const seeded = await db.transaction(async (tx) => {
    if (await tenantExists(tx, 'demo')) return false;
    await insertTenant(tx, {id: 'demo', name: 'Demo-kirjasto', allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*']});
    await insertBranch(tx, {
      id: 'demo-central',
      tenantId: 'demo',
      name: {fi: 'Pääkirjasto', sv: 'Huvudbiblioteket', en: 'Main library'},
    });
    await insertBranch(tx, {
      id: 'demo-village',
      tenantId: 'demo',
      name: {fi: 'Kylän kirjasto', sv: 'Byns bibliotek', en: 'Village library'},
    });

    await insertPoll(tx, {
      id: 'demo-poll',
      tenantId: 'demo',
      question: {fi: 'Mitä toivoisit kirjastoon lisää?', sv: 'Vad önskar du mer av på biblioteket?', en: 'What would you like more of at the library?'},
      options: [
        {id: 'hours', label: {fi: 'Pidemmät aukioloajat', sv: 'Längre öppettider', en: 'Longer opening hours'}},
        {id: 'kids', label: {fi: 'Enemmän tapahtumia lapsille', sv: 'Fler evenemang för barn', en: 'More events for children'}},
        {id: 'quiet', label: {fi: 'Hiljaisia opiskelutiloja', sv: 'Tysta studieplatser', en: 'Quiet study spaces'}},
        {id: 'ebooks', label: {fi: 'Enemmän e-kirjoja', sv: 'Fler e-böcker', en: 'More e-books'}},
      ],
      maxChoices: 1,
      resultsVisibility: 'after-vote',
      opensAt: daysFrom(now, -7),
    });
    await insertPoll(tx, {
      id: 'demo-poll-multi',
      tenantId: 'demo',
      question: {fi: 'Mitkä palvelut ovat sinulle tärkeimpiä?', sv: 'Vilka tjänster är viktigast för dig?', en: 'Which services matter most to you?'},
      options: [
        {id: 'loans', label: {fi: 'Lainaus', sv: 'Utlåning', en: 'Borrowing'}},
        {id: 'events', label: {fi: 'Tapahtumat', sv: 'Evenemang', en: 'Events'}},
        {id: 'spaces', label: {fi: 'Tilat ja laitteet', sv: 'Lokaler och utrustning', en: 'Spaces and equipment'}},
        {id: 'guidance', label: {fi: 'Neuvonta ja opastus', sv: 'Rådgivning och handledning', en: 'Help and guidance'}},
      ],
      maxChoices: 2,
      allowOther: true,
      resultsVisibility: 'always',
      opensAt: daysFrom(now, -7),
    });
    await insertPoll(tx, {
      id: 'demo-poll-closed',
      tenantId: 'demo',
      question: {fi: 'Mikä oli kesän paras tapahtuma?', sv: 'Vilket var sommarens bästa evenemang?', en: "What was the summer's best event?"},
      options: [
        {id: 'reading', label: {fi: 'Lukuhaaste', sv: 'Läsutmaningen', en: 'Reading challenge'}},
        {id: 'concert', label: {fi: 'Pihakonsertti', sv: 'Gårdskonserten', en: 'Courtyard concert'}},
        {id: 'author', label: {fi: 'Kirjailijavierailu', sv: 'Författarbesöket', en: 'Author visit'}},
      ],
      resultsVisibility: 'after-close',
      opensAt: daysFrom(now, -60),
      closesAt: daysFrom(now, -30),
    });
    // Real vote rows with random voter hashes: the counts are theirs.
    const seeded: [string, number][] = [['reading', 12], ['concert', 7], ['author', 4]];
    for (const [optionId, count] of seeded) {
      for (let i = 0; i < count; i++) {
        const voterHash = randomBytes(32).toString('base64url');
        await insertVote(tx, {pollId: 'demo-poll-closed', voterHash, optionIds: [optionId], channel: i % 3 === 0 ? 'qr' : 'web'});
      }
    }
    await insertPoll(tx, {
      id: 'demo-poll-upcoming',
      tenantId: 'demo',
      question: {fi: 'Mitä lukisit ensi talvena?', sv: 'Vad skulle du läsa nästa vinter?', en: 'What would you read next winter?'},
      options: [
        {id: 'crime', label: {fi: 'Dekkareita', sv: 'Deckare', en: 'Crime fiction'}},
        {id: 'history', label: {fi: 'Historiaa', sv: 'Historia', en: 'History'}},
        {id: 'poetry', label: {fi: 'Runoja', sv: 'Poesi', en: 'Poetry'}},
      ],
      resultsVisibility: 'after-vote',
      opensAt: daysFrom(now, 30),
    });
    await insertPoll(tx, {
      id: 'demo-poll-hidden',
      tenantId: 'demo',
      question: {fi: 'Kävitkö kirjastossa tällä viikolla?', sv: 'Besökte du biblioteket den här veckan?', en: 'Did you visit the library this week?'},
      options: [
        {id: 'yes', label: {fi: 'Kyllä', sv: 'Ja', en: 'Yes'}},
        {id: 'no', label: {fi: 'En', sv: 'Nej', en: 'No'}},
      ],
      resultsVisibility: 'never',
      opensAt: daysFrom(now, -7),
    });
    return true;
  });
  // Later content is also added to demo databases made before it existed.
  const ratings = await seedDemoRatings(db, now);
  const ideas = await seedDemoIdeas(db, now);
  return seeded || ratings || ideas;
}
