// Business time runs in days; the demo and the tests can make a day last a few seconds. The scale maps a
// business instant onto real time, counting from the moment the deadline was planned.

export const DAY_MS = 24 * 3600 * 1000;

export function realTimeOf(businessTime: Date, plannedAt: Date, secondsPerDay?: number): Date {
  if (!secondsPerDay) return businessTime;
  const factor = (secondsPerDay * 1000) / DAY_MS;
  return new Date(plannedAt.getTime() + (businessTime.getTime() - plannedAt.getTime()) * factor);
}
