/** A German shipping address the ERP can book. */
export const ADDRESS = { firstName: 'Ada', lastName: 'Lovelace', address1: 'Torstraße 1', city: 'Berlin', zip: '10119', countryCodeV2: 'DE' };
