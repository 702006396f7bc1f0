// Outbox rows that plan no deadline: readers looking for a case's last planned state entry skip them.

/** A change that enters no state but tells people of it (its notices, for the relay to e-mail). */
export const NOTICE_OUTBOX_KIND = 'notice';
