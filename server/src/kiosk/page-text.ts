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
};

// Northern Sami: "Giella" is MediaWiki's (wikimedia/mediawiki languages/i18n/se.json, "pagelang-language",
// en "Language"); the other words have no vetted source yet and show in Finnish.
const se: Partial<KioskText> = {languages: 'Giella'};

export const KIOSK_TEXT = inEveryPageLang<KioskText>({fi, sv, en, se});
