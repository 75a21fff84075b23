/** The editor's look-ups: the shop's locations for the location fields. */
export * as listSearch from './listSearch';
export * as loadOptions from './loadOptions';
