/** Every GraphQL document the pack sends, by name: validated against Shopify's schema by the tests. */
export { SHOP_QUERY } from './shop';
