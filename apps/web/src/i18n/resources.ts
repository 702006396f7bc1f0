// The messages of both languages as i18next reads them: the UI's own texts plus the chart's names
// (workflows/case/labels.ts). History entries that are not events of the chart are looked up among the events.
import { LABELS, type Language } from '../../../../workflows/case/index.js';
import { en } from './en';
import { it } from './it';

const withChartNames = (messages: typeof it, language: Language) => ({
  ...messages,
  states: LABELS[language].states,
  deadlines: LABELS[language].deadlines,
  events: { ...LABELS[language].events, ...messages.historyEvents },
});

export const resources = {
  it: { translation: withChartNames(it, 'it') },
  en: { translation: withChartNames(en, 'en') },
};
