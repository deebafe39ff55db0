import {inEveryPageLang, type PageLang} from '../pages/lang.js';

/** The words of the patron's own page /my; the script (assets/mine.js) reads them from the page. */
export interface MinePageText {
  title: string;
  intro: string;
  where: string;
  noScript: string;
  loading: string;
  nothing: string;
  kiosk: string;
  failed: string;
  retry: string;
  votes: string;
  ratings: string;
  ideas: string;
  supports: string;
  other: string;
  score: string;
  comment: string;
  sent: string;
  delete: string;
  confirm: string;
  deleted: string;
}

export const MINE_PAGE_TEXT: Record<PageLang, MinePageText> = inEveryPageLang({
  fi: {
    title: 'Mitä tästä selaimesta on lähetetty',
    intro:
      'Tällä sivulla näet, mitä tästä selaimesta on lähetetty tämän palvelimen kyselyihin, arvioihin ja ideoihin, ja voit poistaa ne. Tiliä ei tarvita: selain tunnistetaan satunnaisella tunnisteella, joka on tallessa vain tässä selaimessa.',
    where:
      'Kirjaston omalla verkkosivulla vastatessasi tunniste on sen sivuston selaimessa, ei täällä: pyydä silloin poistoa kirjastolta. Kioskeilla annettuja vastauksia ei näytetä, koska kioski on yhteinen laite.',
    noScript: 'Sivu tarvitsee JavaScriptin, koska vain tämä selain tietää, mitä se on lähettänyt. Voit myös pyytää poistoa kirjastolta.',
    loading: 'Haetaan…',
    nothing: 'Tästä selaimesta ei ole lähetetty mitään, mitä voisi näyttää.',
    kiosk: 'Tämä on kirjaston yhteinen kioskilaite, joten sivu ei näytä siitä lähetettyä.',
    failed: 'Tietoja ei saatu haettua.',
    retry: 'Yritä uudelleen',
    votes: 'Äänet kyselyissä',
    ratings: 'Arviot',
    ideas: 'Ideat',
    supports: 'Kannatetut ideat',
    other: 'Muu vastaus',
    score: 'Arvio',
    comment: 'Kommentti',
    sent: 'Lähetetty',
    delete: 'Poista',
    confirm: 'Poistetaanko tämä pysyvästi?',
    deleted: 'Poistettu.',
  },
  sv: {
    title: 'Vad den här webbläsaren har skickat',
    intro:
      'På den här sidan ser du vad den här webbläsaren har skickat till enkäter, bedömningar och idéer på den här servern, och du kan radera det. Inget konto behövs: webbläsaren känns igen på en slumpmässig kod som bara finns i den här webbläsaren.',
    where:
      'Om du svarade på bibliotekets egen webbplats finns koden i webbläsaren för den webbplatsen, inte här: be då biblioteket radera det. Svar som getts på en kiosk visas inte, eftersom kiosken är en delad enhet.',
    noScript: 'Sidan behöver JavaScript, eftersom bara den här webbläsaren vet vad den har skickat. Du kan också be biblioteket radera det.',
    loading: 'Hämtar…',
    nothing: 'Den här webbläsaren har inte skickat något som kan visas.',
    kiosk: 'Det här är bibliotekets gemensamma kiosk, så sidan visar inte vad som skickats från den.',
    failed: 'Uppgifterna kunde inte hämtas.',
    retry: 'Försök igen',
    votes: 'Röster i enkäter',
    ratings: 'Bedömningar',
    ideas: 'Idéer',
    supports: 'Idéer du stöder',
    other: 'Annat svar',
    score: 'Bedömning',
    comment: 'Kommentar',
    sent: 'Skickat',
    delete: 'Radera',
    confirm: 'Radera det här för gott?',
    deleted: 'Raderat.',
  },
  en: {
    title: 'What this browser has sent',
    intro:
      "This page shows what this browser has sent to this server's polls, ratings and idea boxes, and lets you delete it. No account is needed: the browser is recognised by a random token kept only in this browser.",
    where:
      "If you answered on the library's own web site, the token is in the browser's storage for that site, not here: ask the library to delete it. Answers given on a kiosk are not shown, as a kiosk is a shared device.",
    noScript: 'This page needs JavaScript, because only this browser knows what it has sent. You can also ask the library to delete it.',
    loading: 'Loading…',
    nothing: 'This browser has sent nothing that can be shown.',
    kiosk: "This is the library's shared kiosk, so this page does not show what was sent from it.",
    failed: 'Could not load what this browser sent.',
    retry: 'Try again',
    votes: 'Votes in polls',
    ratings: 'Ratings',
    ideas: 'Ideas',
    supports: 'Ideas you support',
    other: 'Other answer',
    score: 'Rating',
    comment: 'Comment',
    sent: 'Sent',
    delete: 'Delete',
    confirm: 'Delete this for good?',
    deleted: 'Deleted.',
  },
});
