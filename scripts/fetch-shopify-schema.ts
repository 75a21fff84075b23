/** Set-up step: fetches Shopify's official Admin GraphQL schemas from the npm registry into .cache/. */
import { ensureSchemas, SCHEMA_PACKAGE } from '../sandbox/shopify/schema';

const versions = ensureSchemas();
console.log(`Shopify Admin schemas from ${SCHEMA_PACKAGE}: ${versions.join(', ')}`);
