import {inEveryPageLang} from '../pages/lang.js';


/** The kiosk's language buttons, each in its own language. Northern Sami has no texts yet, so no button. */
export const KIOSK_LANGS = [
  {lang: 'fi', label: 'Suomi'},
  {lang: 'sv', label: 'Svenska'},
  {lang: 'en', label: 'English'},
] as const;

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

export const KIOSK_TEXT = inEveryPageLang<KioskText>({fi, sv, en});
