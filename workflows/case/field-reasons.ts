// Why a field was refused, in every language: the one place. The API's 422 (`invalid_payload`) names each
// field with a `reason` in English, stable for programs and written where the check is (a shared schema, a
// service); here each reason has its Italian and English sentence, which the web UI shows (it runs the same
// schemas in the browser and words their reasons from here too) and the 422's message uses. The reason is the
// key: libs/common/field-reasons.spec.ts fails on a reason the code can give without an Italian form here.
import { LABELS, type Localised } from './labels.js';

const both = (it: string, en: string): Localised => ({ it, en });

/** Reasons written as they are, in the schemas and services. */
const EXACT: Record<string, Localised> = {
  // Shared schemas (workflows/case)
  'contains a NUL character or an unpaired UTF-16 surrogate': both(
    'Contiene caratteri non ammessi: riscrivilo senza incollarlo da un altro programma',
    'Contains characters that are not allowed: type it again rather than pasting it',
  ),
  'must be a year from 0001 (PostgreSQL has no year 0000)': both(
    'L’anno deve essere almeno 0001',
    'The year must be 0001 or later',
  ),
  'is after today: it dates something already done': both(
    'È una data futura: indica qualcosa che è già avvenuto, quindi al più tardi oggi',
    'Is after today: it dates something already done',
  ),
  'is in the future': both('È una data futura', 'Is in the future'),
  'is before startDate': both('La fine è prima dell’inizio', 'The end is before the start'),
  'is before validFrom': both('La fine è prima dell’inizio della validità', 'The end is before the start'),
  'must not be after to': both('Non può essere dopo la data finale', 'Must not be after the end date'),
  'must not be before from': both(
    'Non può essere prima della data iniziale',
    'Must not be before the start date',
  ),
  'is only for the reason gia_in_carico': both(
    'Solo con il motivo «già in carico»',
    'Only with the reason “already a case”',
  ),
  'is required for a person without a codice fiscale': both(
    'Obbligatorio per una persona senza codice fiscale',
    'Required for a person without a codice fiscale',
  ),
  'names the percorso already taking care of the person (required with gia_in_carico)': both(
    'Indica il percorso che ha già in carico la persona',
    'Name the percorso already taking care of the person',
  ),
  'required when the outcome includes occupazione': both(
    'Obbligatorio quando l’esito comprende l’occupazione',
    'Required when the outcome includes employment',
  ),
  'must not repeat the primary outcome': both(
    'Non ripetere l’esito principale',
    'Do not repeat the primary outcome',
  ),
  'names no goal of the plan': both('Scegli un obiettivo del progetto', 'Choose a goal of the plan'),
  'the deadline order is soonest first only': both(
    'Le scadenze si ordinano solo dalla più vicina',
    'Deadlines sort soonest first only',
  ),
  'must be a month as YYYY-MM': both('Indica un mese (AAAA-MM)', 'Must be a month as YYYY-MM'),
  'must be lower case letters, digits and underscores': both(
    'Solo lettere minuscole, cifre e trattini bassi',
    'Lower case letters, digits and underscores only',
  ),
  'name at least one field to change': both('Modifica almeno un dato', 'Change at least one field'),
  'name at least one field to correct': both('Modifica almeno un dato', 'Correct at least one field'),
  'is not a valid codice fiscale (16 characters: 6 letters, 2 digits, month letter, …)': both(
    'Codice fiscale non valido: 16 caratteri (6 lettere, 2 cifre, la lettera del mese, …)',
    'Not a valid codice fiscale: 16 characters (6 letters, 2 digits, the month letter, …)',
  ),
  'has a wrong check character (last character)': both(
    'Il carattere di controllo (l’ultimo) non corrisponde: controlla di averlo scritto bene',
    'The check character (the last one) does not match: check it was typed right',
  ),
  // An ambito's deadline rules (libs/directory/administration-deadlines.ts)
  'this deadline is the meeting date itself: only its reminders change': both(
    'È la data della riunione: cambiano solo i promemoria',
    'This deadline is the meeting date itself: only its reminders change',
  ),
  'this deadline reminds nobody in the chart': both(
    'Questa scadenza non prevede promemoria',
    'This deadline reminds nobody in the chart',
  ),
  'each day may appear once': both('Ogni giorno una sola volta', 'Each day may appear once'),
  'must be fewer days than the deadline itself': both(
    'Deve essere meno giorni della scadenza stessa',
    'Must be fewer days than the deadline itself',
  ),
  // Passwords and the second factor
  'is not your current password': both('Non è la tua password attuale', 'This is not your current password'),
  'must differ from the current password': both(
    'Deve essere diversa dalla password attuale',
    'Must differ from the current password',
  ),
  'give either the current password or a current code': both(
    'Indica la password attuale oppure un codice',
    'Give either the current password or a current code',
  ),
  'is not a current code of your app nor an unused recovery code': both(
    'Non è il codice che l’app mostra ora né un codice di recupero non ancora usato',
    'Is neither the code your app shows now nor an unused recovery code',
  ),
  'not the code the app shows now for this key: check the phone’s time and retry': both(
    'Il codice non corrisponde alla chiave: controlla che l’ora del telefono sia giusta e riprova',
    'Not the code the app shows now for this key: check the phone’s time and retry',
  ),
  'start the enrolment first: no key is waiting': both(
    'Prima avvia l’attivazione: nessuna chiave è in attesa',
    'Start the enrolment first: no key is waiting',
  ),
  // Data categories and references
  'is a category of data your role does not read': both(
    'Il tuo ruolo non legge questa categoria di dati: scegline un’altra',
    'Your role does not read this category of data: choose another',
  ),
  'is a deactivated user': both('È un utente disattivato', 'Is a deactivated user'),
  'is a user of another ambito': both('È un utente di un altro ambito', 'Is a user of another ambito'),
  'is an organisation of another ambito': both(
    'È un ente di un altro ambito',
    'Is an organisation of another ambito',
  ),
  'is an organisation the person’s consent does not authorise': both(
    'È un ente che il consenso della persona non autorizza',
    'Is an organisation the person’s consent does not authorise',
  ),
  'is not the organisation this user works for': both(
    'Non è l’ente per cui lavora questo utente',
    'Is not the organisation this user works for',
  ),
  'names no organisation of the directory': both(
    'Ente inesistente',
    'Names no organisation of the directory',
  ),
  'names no organisation of your ambito': both(
    'Non è un ente del tuo ambito',
    'Names no organisation of your ambito',
  ),
  'names no user of the directory': both('Utente inesistente', 'Names no user of the directory'),
  'names no resource of the ambito’s resource map': both(
    'Non è una risorsa della mappatura dell’ambito',
    'Names no resource of the ambito’s resource map',
  ),
  'already used by another user': both('Già usato da un altro utente', 'Already used by another user'),
  'you cannot deactivate yourself or give up your own administration: ask another amministratore': both(
    'Non puoi disattivarti né rinunciare alla tua amministrazione: chiedi a un altro amministratore',
    'You cannot deactivate yourself or give up your own administration: ask another amministratore',
  ),
  // Persons and percorsi
  'is the person herself': both('È la persona stessa', 'Is the person herself'),
  'is already in the household': both('È già nel nucleo familiare', 'Is already in the household'),
  'names no person of the ambito you may see': both(
    'Non è una persona dell’ambito che puoi vedere',
    'Names no person of the ambito you may see',
  ),
  'names no person of the ambito': both('Non è una persona dell’ambito', 'Names no person of the ambito'),
  'is the same record': both('È la stessa scheda', 'Is the same record'),
  'one of the two records was already merged': both(
    'Una delle due schede è già stata unita',
    'One of the two records was already merged',
  ),
  'the two records have different codici fiscali': both(
    'Le due schede hanno codici fiscali diversi',
    'The two records have different codici fiscali',
  ),
  'the person already has one (a correction is a rectification)': both(
    'La persona ne ha già uno: per correggerlo serve una rettifica',
    'The person already has one (a correction is a rectification)',
  ),
  'is no other percorso of the same person': both(
    'Non è un altro percorso della stessa persona',
    'Is no other percorso of the same person',
  ),
  // Cases, lists, documents
  'the case is closed': both('Il caso è chiuso', 'The case is closed'),
  'must be the positive integer version the client last read': both(
    'Versione non valida: ricarica la pagina',
    'Must be the positive integer version the client last read',
  ),
  'is not a cursor this list gave': both(
    'Posizione nell’elenco non valida: ricarica la pagina',
    'Is not a cursor this list gave',
  ),
  'a file is required': both('Scegli un file', 'A file is required'),
};

const personField = (field: string) =>
  both(
    (LABELS.it.audit.personFields as Record<string, string>)[field] ?? field,
    (LABELS.en.audit.personFields as Record<string, string>)[field] ?? field,
  );

/** Reasons with values in them (zod's own, and the services' that name what they found). */
const PATTERNS: [RegExp, (match: RegExpMatchArray) => Localised | undefined][] = [
  // zod's built-in messages
  [
    /^Invalid discriminator value\..*$/,
    () => both('Scegli una delle voci previste', 'Choose one of the listed values'),
  ],
  [/^Too small: expected string to have >=1 characters?$/, () => both('Campo obbligatorio', 'Required')],
  [
    /^Too small: expected string to have >=(\d+) characters$/,
    ([, n]) => both(`Almeno ${n} caratteri`, `At least ${n} characters`),
  ],
  [
    /^must be at least (\d+) characters long$/,
    ([, n]) => both(`Deve avere almeno ${n} caratteri`, `Must be at least ${n} characters long`),
  ],
  [
    /^Too big: expected string to have <=(\d+) characters$/,
    ([, n]) => both(`Al massimo ${n} caratteri`, `At most ${n} characters`),
  ],
  [
    /^Too small: expected array to have >=(\d+) items?$/,
    ([, n]) =>
      n === '1'
        ? both('Scegline almeno uno', 'Choose at least one')
        : both(`Scegline almeno ${n}`, `Choose at least ${n}`),
  ],
  [
    /^Too big: expected array to have <=(\d+) items?$/,
    ([, n]) => both(`Al massimo ${n} voci`, `At most ${n} items`),
  ],
  [
    /^Too small: expected number to be >(=?)(-?[\d.]+)$/,
    ([, equal, n]) =>
      both(
        `Deve essere ${equal ? 'almeno' : 'più di'} ${n}`,
        `Must be ${equal ? 'at least' : 'more than'} ${n}`,
      ),
  ],
  [
    /^Too big: expected number to be <(=?)(-?[\d.]+)$/,
    ([, equal, n]) =>
      both(
        `Deve essere ${equal ? 'al massimo' : 'meno di'} ${n}`,
        `Must be ${equal ? 'at most' : 'less than'} ${n}`,
      ),
  ],
  [
    /^Invalid input: expected int, received number$/,
    () => both('Deve essere un numero intero', 'Must be a whole number'),
  ],
  [/^Invalid input: expected \w+, received undefined$/, () => both('Campo obbligatorio', 'Required')],
  [
    /^Invalid input: expected (\w+), received (\w+)$/,
    ([, expected]) => both(`Valore non valido (atteso: ${expected})`, `Invalid value (expected ${expected})`),
  ],
  [
    /^Invalid option: expected one of .*$/,
    () => both('Scegli una delle voci previste', 'Choose one of the listed values'),
  ],
  [/^Invalid input: expected .*$/, () => both('Valore non valido', 'Invalid value')],
  [/^Invalid input$/, () => both('Valore non valido', 'Invalid value')],
  [/^Invalid UUID$/, () => both('Codice non valido', 'Invalid code')],
  [/^Invalid email address$/, () => both('Indirizzo e-mail non valido', 'Invalid e-mail address')],
  [/^Invalid ISO date$/, () => both('Data non valida (gg/mm/aaaa)', 'Invalid date')],
  [/^Invalid ISO datetime$/, () => both('Data e ora non valide', 'Invalid date and time')],
  [/^Invalid ISO time$/, () => both('Ora non valida', 'Invalid time')],
  [/^Invalid string: must match pattern .*$/, () => both('Formato non valido', 'Invalid format')],
  [/^Invalid string: .*$/, () => both('Testo non valido', 'Invalid text')],
  [
    /^Unrecognized keys?: .*$/,
    () => both('Dato non previsto: toglilo', 'Not an accepted field: leave it out'),
  ],
  [/^Expected number, received nan$/, () => both('Deve essere un numero', 'Must be a number')],
  // The services' reasons with values
  [/^must be one of (.+)$/, ([, list]) => both(`Deve essere uno tra: ${list}`, `Must be one of ${list}`)],
  [
    /^belongs to the order .+, not .+$/,
    () =>
      both(
        'L’elenco è ordinato diversamente: ricarica la pagina',
        'The list is sorted otherwise: reload the page',
      ),
  ],
  [
    /^no migration is declared to version (\S+); to one of (.*)$/,
    ([, version, targets]) =>
      both(
        `Nessuna migrazione verso la versione ${version}; possibili: ${targets}`,
        `No migration is declared to version ${version}; to one of ${targets}`,
      ),
  ],
  [
    /^no ambito (\S+); one of (.*)$/,
    ([, ambito, known]) =>
      both(`Ambito ${ambito} inesistente; possibili: ${known}`, `No ambito ${ambito}; one of ${known}`),
  ],
  [
    /^names no deadline of the chart; one of (.*)$/,
    ([, keys]) =>
      both(
        `Nessuna scadenza del percorso ha questo nome; possibili: ${keys}`,
        `Names no deadline of the chart; one of ${keys}`,
      ),
  ],
  [
    /^is a user with role (\S+), who does not work on cases$/,
    ([, role]) =>
      both(
        `È un utente con ruolo ${role}, che non lavora sui casi`,
        `Is a user with role ${role}, who does not work on cases`,
      ),
  ],
  [
    /^is (\S+) in the directory, not (\S+)$/,
    ([, type, declared]) => {
      const name = (language: 'it' | 'en', key: string) =>
        (LABELS[language].vocab.organisationType as Record<string, string>)[key] ?? key;
      return both(
        `Nell’anagrafica degli enti è «${name('it', type)}», non «${name('it', declared)}»`,
        `Is ${name('en', type)} in the directory, not ${name('en', declared)}`,
      );
    },
  ],
  [
    /^is not a released version \((.*)\)$/,
    ([, list]) => both(`Non è una versione pubblicata (${list})`, `Is not a released version (${list})`),
  ],
  [
    /^the content is not an accepted document \((.*)\)$/,
    ([, list]) =>
      both(
        `Il contenuto non è un documento accettato (${list})`,
        `The content is not an accepted document (${list})`,
      ),
  ],
  [
    /^the content is a (.+) \((.+)\), not (.+)$/,
    ([, kind, mime, declared]) =>
      both(
        `Il contenuto è un ${kind} (${mime}), non ${declared}`,
        `The content is a ${kind} (${mime}), not ${declared}`,
      ),
  ],
  // The codice fiscale check (libs/persons/codice-fiscale-check.ts): the UI words these disagreements itself.
  [
    /^disagrees with the codice fiscale, which encodes a birth on (\S+) \(.*\)$/,
    ([, date]) =>
      both(
        `Non corrisponde al codice fiscale, che indica la nascita il ${date}`,
        `Disagrees with the codice fiscale, which encodes a birth on ${date}`,
      ),
  ],
  [
    /^disagrees with the codice fiscale, which encodes sex (\S+) \(.*\)$/,
    ([, sex]) =>
      both(
        `Non corrisponde al codice fiscale, che indica il sesso ${sex}`,
        `Disagrees with the codice fiscale, which encodes sex ${sex}`,
      ),
  ],
  [
    /^is no comune or foreign state of the Belfiore register; the codice fiscale encodes (.+) \(.*\)$/,
    ([, place]) =>
      both(
        `Non è un comune né uno Stato estero del registro Belfiore; il codice fiscale indica ${place}`,
        `Is no comune or foreign state of the Belfiore register; the codice fiscale encodes ${place}`,
      ),
  ],
  [
    /^is (.+) \((\S+)\); the codice fiscale encodes (.+) \(.*\)$/,
    ([, name, code, place]) =>
      both(
        `È ${name} (${code}); il codice fiscale indica ${place}`,
        `Is ${name} (${code}); the codice fiscale encodes ${place}`,
      ),
  ],
  [
    /^encodes the birthplace code (\S+), which is no comune or foreign state \(.*\)$/,
    ([, code]) =>
      both(
        `Indica il luogo di nascita ${code}, che non è un comune né uno Stato estero`,
        `Encodes the birthplace code ${code}, which is no comune or foreign state`,
      ),
  ],
  [
    /^the record's (\w+) (.+)$/,
    ([, field, reason]) => {
      const inner = fieldReason(reason);
      const name = personField(field);
      return inner && both(`Nella scheda, ${name.it}: ${inner.it}`, `The record's ${name.en}: ${inner.en}`);
    },
  ],
];

/** The reason in words, in every language; undefined for a reason this file does not know. */
export function fieldReason(reason: string): Localised | undefined {
  const exact = EXACT[reason];
  if (exact) return exact;
  for (const [pattern, word] of PATTERNS) {
    const match = reason.match(pattern);
    if (match) {
      const worded = word(match);
      if (worded) return worded;
    }
  }
  return undefined;
}

/** The reason in words, or as written (in English) when this file does not know it. */
export const fieldMessage = (reason: string): Localised => fieldReason(reason) ?? both(reason, reason);
