// What an entry of the audit log says was read, in words: the services record field paths (stable, for
// programs: `data.assessments.dipendenze`, `history.7.eventData`, `documents.<uuid>`), and the DPO reads
// "Valutazioni: Dipendenze", "Storico (evento 7)". The one place that reads those paths, for the API's
// answer and its CSV alike; the words are in labels.ts.
import { inEveryLanguage, type ChartLabels, type Localised } from './labels.js';

/** The start of a record's code, as the screens show a case's: enough to tell two apart. */
const shortId = (id: string) => id.slice(0, 8);

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

function named(field: string, labels: ChartLabels): string {
  const words = labels.audit;
  const domain = (key: string) => (labels.vocab.lifeDomain as Record<string, string>)[key] ?? key;
  if (field === 'fascicolo') return words.caseFile;
  if (field.startsWith('escluso:')) return fill(words.leftOut, { what: named(field.slice(8), labels) });
  const parts = field.split('.');
  const [head, second, third, ...rest] = parts;
  if (head === 'data' && second === 'assessments') {
    return third ? `${words.assessments}: ${domain(third)}` : words.assessments;
  }
  if (head === 'data' && second === 'referral' && third === 'needs') {
    return rest[0] ? `${words.needs}: ${domain(rest[0])}` : words.needs;
  }
  if (head === 'history' && /^\d+$/.test(second ?? '') && third === 'eventData') {
    return fill(rest.at(-1) === 'needs' ? words.historyNeeds : words.historyEntry, { n: second });
  }
  if (head === 'diary' && second) {
    return fill(third === 'versions' ? words.diaryVersions : words.diaryEntry, { id: shortId(second) });
  }
  if (head === 'documents' && second) return fill(words.document, { id: shortId(second) });
  if (head === 'caso' && second) return fill(words.case, { id: shortId(second) });
  if (head === 'persona' && second) {
    const record = fill(words.person, { id: shortId(second) });
    if (!third) return record;
    return `${record}: ${(words.personFields as Record<string, string>)[third] ?? third}`;
  }
  // A path no service writes today: shown as recorded rather than guessed at.
  return field;
}

/** One recorded field path in words, in every language. */
export const auditFieldName = (field: string): Localised => inEveryLanguage((labels) => named(field, labels));
