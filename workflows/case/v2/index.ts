// Version 2: the valutazione may open with a colloquio di accoglienza (the one-stop shop's first contact
// with the person, Piana di Lucca protocol) before the assessors are assigned; the coordinator may also
// assign them at once. Everything else is version 1's.
import { buildCaseMachine } from '../case.machine.js';

export const caseMachineV2 = buildCaseMachine({ version: 2, welcomeInterview: true });
