// Who starts from "Le mie attività": the roles that work cases (operators, coordinators, responsabili).
export const worksCases = (role: string | undefined) => role === 'operatore' || role === 'coordinatore';
