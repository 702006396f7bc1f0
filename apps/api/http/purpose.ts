/** A short free-text purpose for the audit log (the `X-Purpose` header); the default is the reader's. */
export function purposeOf(header: string | undefined): string | undefined {
  const purpose = header?.trim().slice(0, 200);
  return purpose ? purpose : undefined;
}
