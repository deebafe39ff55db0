import {DEFAULT_TIME_ZONE} from '../tenants/time.js';
import {randomBytes} from 'node:crypto';
import type {Db} from '../db/db.js';
import {daysFrom} from '../demo/days.js';
import {setKioskPin} from '../kiosk/pin.js';
import type {Channel} from '../http/contract.js';
import {tenantExists} from '../tenants/store.js';
import {findRating, insertRating, insertResponse} from './store.js';

export const DEFAULT_DEMO_KIOSK_PIN = '2468';

/** [channel, branch ('' = none), score, how many] */
type Seeded = [Channel, string, number, number][];

/**
 * The demo ratings, seeded into a database that has tenant `demo` but not `demo-rating` (so databases
 * made before ratings existed get them too). Responses go through the same insert and counter code
 * as the API, so counters and rows agree. Returns whether it seeded.
 */
export async function seedDemoRatings(db: Db, now = new Date(), kioskPin = DEFAULT_DEMO_KIOSK_PIN): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await tenantExists(tx, 'demo')) || (await findRating(tx, 'demo-rating'))) return false;
    const opensAt = daysFrom(now, -7);
    await insertRating(tx, {
      id: 'demo-rating',
      tenantId: 'demo',
      question: {fi: 'Miten onnistuimme tänään?', sv: 'Hur lyckades vi i dag?', en: 'How did we do today?'},
      scale: 'smileys-5',
      commentMode: 'after-low',
      lowThreshold: 2,
      commentMaxLength: 500,
      opensAt,
    });
    await insertRating(tx, {
      id: 'demo-nps',
      tenantId: 'demo',
      question: {
        fi: 'Kuinka todennäköisesti suosittelisit kirjastoa ystävällesi?',
        sv: 'Hur sannolikt är det att du skulle rekommendera biblioteket till en vän?',
        en: 'How likely are you to recommend the library to a friend?',
      },
      scale: 'nps',
      commentMode: 'always',
      commentMaxLength: 500,
      opensAt,
    });
    await insertRating(tx, {
      id: 'demo-stars',
      tenantId: 'demo',
      question: {fi: 'Arvioi tämän viikon tapahtuma', sv: 'Betygsätt veckans evenemang', en: "Rate this week's event"},
      scale: 'stars-5',
      opensAt,
    });
    await insertRating(tx, {
      id: 'demo-thumbs',
      tenantId: 'demo',
      question: {fi: 'Löysitkö etsimäsi?', sv: 'Hittade du det du sökte?', en: 'Did you find what you were looking for?'},
      scale: 'thumbs',
      opensAt,
    });

    const seeded: Record<string, Seeded> = {
      'demo-rating': [
        ['kiosk', 'demo-central', 5, 9], ['kiosk', 'demo-central', 4, 6], ['kiosk', 'demo-central', 3, 2], ['kiosk', 'demo-central', 1, 1],
        ['kiosk', 'demo-village', 5, 4], ['kiosk', 'demo-village', 4, 3], ['kiosk', 'demo-village', 2, 1],
        ['qr', 'demo-central', 5, 3], ['qr', 'demo-central', 3, 1], ['qr', 'demo-village', 4, 2],
        ['web', '', 5, 2], ['web', '', 4, 2], ['web', '', 2, 1],
      ],
      'demo-nps': [
        ['web', '', 10, 4], ['web', '', 9, 3], ['web', '', 8, 3], ['web', '', 6, 1],
        ['qr', 'demo-central', 10, 2], ['qr', 'demo-village', 7, 1], ['kiosk', 'demo-central', 9, 2], ['kiosk', 'demo-village', 3, 1],
      ],
      'demo-stars': [['web', '', 5, 3], ['web', '', 4, 2], ['kiosk', 'demo-central', 3, 1], ['qr', 'demo-village', 5, 1]],
      'demo-thumbs': [['web', '', 1, 5], ['web', '', 0, 1], ['kiosk', 'demo-village', 1, 3], ['qr', 'demo-central', 0, 1]],
    };
    for (const [ratingId, rows] of Object.entries(seeded)) {
      for (const [channel, branch, score, count] of rows) {
        for (let i = 0; i < count; i++) {
          const response = {
            ratingId,
            responseId: `seed-${randomBytes(9).toString('base64url')}`,
            voterHash: randomBytes(32).toString('base64url'),
            score,
            channel,
            branchId: branch || undefined,
          };
          await insertResponse(tx, response, DEFAULT_TIME_ZONE, now);
        }
      }
    }
    await setKioskPin(tx, 'demo', kioskPin);
    return true;
  });
}
