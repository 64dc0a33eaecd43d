/** Is this an IANA time zone the runtime knows (e.g. `Europe/Moscow`)? */
export const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
