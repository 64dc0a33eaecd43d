import { AsyncLocalStorage } from 'async_hooks';

/**
 * Marks the work a workflow action does itself. Outside it, publishing, unpublishing and
 * writing the workflow's own fields of an article are refused, whoever asks.
 */
const storage = new AsyncLocalStorage<{ action: string }>();

export const asWorkflow = <T>(action: string, work: () => Promise<T>): Promise<T> => storage.run({ action }, work);

export const inWorkflow = () => storage.getStore() !== undefined;
