/** Every GraphQL document the pack sends, by name: validated against Shopify's schema by the tests. */
export { SHOP_QUERY } from './shop';
export * from './orders';
export * from './fulfillment-orders';
export * from './refunds';
export * from './returns';
export * from './inventory';
export { LOCATIONS_QUERY } from './locations';
export { PRODUCT_VARIANTS_QUERY } from './variants';
export * from './bulk';
export * from './webhooks';
