import { AsyncLocalStorage } from 'async_hooks';

/**
 * Marks work done by one of the plugin's own writers. Outside the workflow, publishing,
 * unpublishing and writing an article's workflow fields are refused, whoever asks; outside
 * the ingest, agency copy is never written.
 */
type Writer = 'workflow' | 'ingest' | 'bindings';

const storage = new AsyncLocalStorage<{ writer: Writer; action: string }>();

export const asWorkflow = <T>(action: string, work: () => Promise<T>): Promise<T> =>
  storage.run({ writer: 'workflow', action }, work);

export const inWorkflow = () => storage.getStore()?.writer === 'workflow';

export const asIngest = <T>(work: () => Promise<T>): Promise<T> =>
  storage.run({ writer: 'ingest', action: 'ingest' }, work);

export const inIngest = () => storage.getStore()?.writer === 'ingest';

/** Who may speak for an agency is set by the feeds API alone (permission Manage feeds). */
export const asBindings = <T>(work: () => Promise<T>): Promise<T> =>
  storage.run({ writer: 'bindings', action: 'bind' }, work);

export const inBindings = () => storage.getStore()?.writer === 'bindings';
