// The messages of both languages as i18next reads them: the UI's own texts plus the statechart's names.
// History entries that are not events of the chart are looked up among the events, in both languages.
import { EVENT_LABELS, STATE_LABELS } from '../../../../workflows/case/index.js';
import { en } from './en';
import { it } from './it';

export const resources = {
  it: { translation: { ...it, states: STATE_LABELS, events: { ...EVENT_LABELS, ...it.historyEvents } } },
  en: { translation: { ...en, events: { ...en.events, ...en.historyEvents } } },
};
