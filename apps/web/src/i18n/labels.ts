// Names for what the API returns: states, events, vocabulary values and schema messages, in the current language.
import { useTranslation } from 'react-i18next';
import {
  fieldReason,
  renews,
  type CaseContext,
  type CaseEventType,
} from '../../../../workflows/case/index.js';
import type { Messages } from './it';

type Vocabulary = keyof Messages['vocab'];
type Section = Record<string, string>;

export function useLabels() {
  const { t, i18n } = useTranslation();
  // State ids contain dots, which i18next would read as nesting: look them up in the bundle directly.
  const section = (name: string): Section =>
    (i18n.getResourceBundle(i18n.language, 'translation')?.[name] ??
      i18n.getResourceBundle('it', 'translation')[name]) as Section;
  return {
    t,
    language: i18n.language,
    state: (id: string) => section('states')[id] ?? id,
    event: (type: string) => section('events')[type] ?? type,
    /** An action on this case: named as a renewal when the case already holds what it records. */
    action: (type: CaseEventType, context: Pick<CaseContext, 'consent'>) =>
      (renews(type, context) ? section('renewals')[type] : undefined) ?? section('events')[type] ?? type,
    vocab: (vocabulary: Vocabulary, value: string) =>
      t(`vocab.${vocabulary}.${value}`, { defaultValue: value }),
    options: (vocabulary: Vocabulary, values: readonly string[]) =>
      values.map((value) => ({ value, label: t(`vocab.${vocabulary}.${value}`, { defaultValue: value }) })),
    /**
     * A reason the shared schemas or the API give (English), in the user's language: from the one list of
     * reasons (workflows/case/field-reasons.ts), which the API's `message` comes from too.
     */
    schemaMessage: (message: string) =>
      section('validation')[message] ??
      fieldReason(message)?.[i18n.language === 'en' ? 'en' : 'it'] ??
      message,
  };
}

export type Labels = ReturnType<typeof useLabels>;
