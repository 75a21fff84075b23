import { windowDescription, windowReader } from '../list/window';

export const description = windowDescription('salesOrder');

export const execute = windowReader('/sales-orders');
