// Version 1 of the chart, released before versions were named: every case created until then runs on it.
// Frozen: its behaviour must not change (test/model runs over it, and a stored version-1 snapshot must
// restore in every later release, workflows/case/versions.spec.ts).
import { buildCaseMachine } from '../case.machine.js';

export const caseMachineV1 = buildCaseMachine({ version: 1, welcomeInterview: false });
