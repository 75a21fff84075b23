import { windowDescription, windowReader } from '../list/window';

export const description = windowDescription('creditMemo');

export const execute = windowReader('/credit-memos');
