// Italian by default, English selectable; the choice is remembered in the browser.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/it';
import 'dayjs/locale/en';
import { resources } from './resources';

export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'percorsi.language';

const stored = localStorage.getItem(STORAGE_KEY);
const initial: Language = stored === 'en' ? 'en' : 'it';

void i18n.use(initReactI18next).init({
  // The statechart is the single source of the Italian state and event names.
  resources,
  lng: initial,
  fallbackLng: 'it',
  // Keys are plain words; schema messages used as keys contain colons and must not split into namespaces.
  nsSeparator: false,
  interpolation: { escapeValue: false },
});
dayjs.locale(initial);
document.documentElement.lang = initial;

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  dayjs.locale(language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export default i18n;
