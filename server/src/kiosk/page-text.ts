import {inEveryPageLang, type PageLang} from '../pages/lang.js';

/**
 * The kiosk's language buttons, each in its own language; a library shows the ones it offers (the tenant's
 * `languages`). The Sami name is CLDR's (unicode-org/cldr common/main/se.xml, language "se").
 */
export const KIOSK_LANGS: readonly {lang: PageLang; label: string}[] = [
  {lang: 'fi', label: 'Suomi'},
  {lang: 'fi-x-selko', label: 'Selkosuomi'},
  {lang: 'sv', label: 'Svenska'},
  {lang: 'en', label: 'English'},
  {lang: 'se', label: 'Davvisámegiella'},
];

export interface KioskText {
  languages: string;
  staff: string;
  branch: string;
  pending: string;
  reload: string;
  leaveFullScreen: string;
  back: string;
  noBranch: string;
  /** Shown on a kiosk that has no valid kiosk token: its answers would count as web. */
  unregistered: string;
}

const fi: KioskText = {
  languages: 'Kieli',
  staff: 'Henkilökunta',
  branch: 'Toimipiste',
  pending: 'Lähettämättä jonossa',
  reload: 'Lataa uudelleen',
  leaveFullScreen: 'Poistu koko näytöstä',
  back: 'Takaisin kioskiin',
  noBranch: 'ei valittu',
  unregistered: 'Tätä kioskia ei ole rekisteröity, joten sen vastaukset lasketaan verkkovastauksiksi. Henkilökunta: paina vasenta yläkulmaa kolme sekuntia ja anna PIN-koodi.',
};
const sv: KioskText = {
  languages: 'Språk',
  staff: 'Personal',
  branch: 'Verksamhetsställe',
  pending: 'Osända i kö',
  reload: 'Ladda om',
  leaveFullScreen: 'Lämna helskärm',
  back: 'Tillbaka till kiosken',
  noBranch: 'inte valt',
  unregistered: 'Den här kiosken är inte registrerad, så dess svar räknas som webbsvar. Personal: håll ned det övre vänstra hörnet i tre sekunder och ange PIN-koden.',
};
const en: KioskText = {
  languages: 'Language',
  staff: 'Staff',
  branch: 'Branch',
  pending: 'Waiting to be sent',
  reload: 'Reload',
  leaveFullScreen: 'Leave full screen',
  back: 'Back to the kiosk',
  noBranch: 'none chosen',
  unregistered: 'This kiosk is not registered, so its answers count as web answers. Staff: press and hold the top left corner for three seconds and enter the PIN.',
};

// Northern Sami: "Giella" is MediaWiki's (wikimedia/mediawiki languages/i18n/se.json, "pagelang-language",
// en "Language"); the other words have no vetted source yet and show in Finnish.
const se: Partial<KioskText> = {languages: 'Giella'};

export const KIOSK_TEXT = inEveryPageLang<KioskText>({fi, sv, en, se});
