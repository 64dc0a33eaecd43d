import {
  Button,
  Checkbox,
  Field,
  Grid,
  Modal,
  MultiSelect,
  MultiSelectOption,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useState } from 'react';
import {
  CREDENTIAL_TYPES,
  FEED_KINDS,
  errorMessage,
  type CredentialType,
  type Feed,
  type FeedCredentials,
  type FeedInput,
  type FeedKind,
  type FeedList,
} from '../api/client';
import { useT } from '../utils/getTranslation';

export const KIND_LABELS: Record<FeedKind, string> = {
  rss: 'RSS / Atom',
  ninjs: 'ninjs (JSON)',
  'newsml-g2': 'NewsML-G2',
  folder: 'Drop folder',
};

const CREDENTIAL_LABELS: Record<CredentialType, string> = {
  none: 'None',
  basic: 'Username and password',
  bearer: 'Bearer token',
  header: 'Header',
};

/** The secret fields of each kind of credentials, with their labels. */
const SECRET_FIELDS: Record<CredentialType, Array<{ key: string; label: string }>> = {
  none: [],
  basic: [
    { key: 'username', label: 'Username' },
    { key: 'password', label: 'Password' },
  ],
  bearer: [{ key: 'token', label: 'Token' }],
  header: [
    { key: 'name', label: 'Header name' },
    { key: 'value', label: 'Header value' },
  ],
};

interface FeedFormModalProps {
  /** The feed to edit; none to add one. */
  feed: Feed | null;
  meta: FeedList['meta'];
  onSave: (input: FeedInput) => Promise<void>;
  onClose: () => void;
}

/**
 * Adding or editing a feed. Credentials are write-only: on edit the fields start blank and are
 * sent only when typed (or when the type changes), so leaving them keeps the stored ones.
 */
export const FeedFormModal = ({ feed, meta, onSave, onClose }: FeedFormModalProps) => {
  const t = useT();
  const [name, setName] = useState(feed?.name ?? '');
  const [kind, setKind] = useState<FeedKind>(feed?.kind ?? 'rss');
  const [url, setUrl] = useState(feed?.url ?? '');
  const [folder, setFolder] = useState(feed?.folder ?? '');
  const [agencies, setAgencies] = useState<string[]>(
    feed?.agencies.map((agency) => String(agency.id)) ?? []
  );
  const [intervalSeconds, setIntervalSeconds] = useState<number | undefined>(
    feed?.intervalSeconds ?? 300
  );
  const [idleAlertSeconds, setIdleAlertSeconds] = useState<number | undefined>(
    feed?.idleAlertSeconds ?? 3600
  );
  const [enabled, setEnabled] = useState(feed?.enabled ?? true);
  const storedType = feed?.credentials.type ?? 'none';
  const [credentialType, setCredentialType] = useState<CredentialType>(storedType);
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const kinds = FEED_KINDS.filter((k) => k !== 'folder' || meta.dropFolders || kind === 'folder');
  const secretFields = SECRET_FIELDS[credentialType];
  const typedSecrets = secretFields.some(({ key }) => secrets[key]);

  const credentials = (): FeedCredentials | undefined => {
    if (feed && credentialType === storedType && !typedSecrets) return undefined;
    const fields = Object.fromEntries(secretFields.map(({ key }) => [key, secrets[key] ?? '']));
    return { type: credentialType, ...fields } as FeedCredentials;
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    const creds = credentials();
    try {
      await onSave({
        name: name.trim(),
        kind,
        ...(kind === 'folder' ? { folder: folder.trim() } : { url: url.trim() }),
        agencies: agencies.map(Number),
        ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
        ...(idleAlertSeconds !== undefined ? { idleAlertSeconds } : {}),
        enabled,
        ...(creds ? { credentials: creds } : {}),
      });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(isOpen: boolean) => !isOpen && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {feed ? t('feeds.edit', 'Edit feed') : t('feeds.add', 'Add a feed')}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Grid.Root gap={4}>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root name="name" required>
                <Field.Label>{t('feeds.name', 'Name')}</Field.Label>
                <TextInput
                  value={name}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)}
                />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root name="kind" required>
                <Field.Label>{t('feeds.kind', 'Kind')}</Field.Label>
                <SingleSelect
                  value={kind}
                  onChange={(value: string | number) => setKind(value as FeedKind)}
                >
                  {kinds.map((k) => (
                    <SingleSelectOption key={k} value={k}>
                      {t(`feeds.kind.${k}`, KIND_LABELS[k])}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              {kind === 'folder' ? (
                <Field.Root
                  name="folder"
                  required
                  hint={t('feeds.folderHint', "Relative to the server's drop-folder root")}
                >
                  <Field.Label>{t('feeds.folder', 'Folder')}</Field.Label>
                  <TextInput
                    value={folder}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFolder(e.target.value)}
                  />
                  <Field.Hint />
                </Field.Root>
              ) : (
                <Field.Root name="url" required>
                  <Field.Label>{t('feeds.url', 'Address (URL)')}</Field.Label>
                  <TextInput
                    type="url"
                    value={url}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setUrl(e.target.value)}
                  />
                </Field.Root>
              )}
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <Field.Root
                name="agencies"
                required
                hint={t('feeds.agenciesHint', 'The agencies this feed speaks for')}
              >
                <Field.Label>{t('feeds.agencies', 'Agencies')}</Field.Label>
                <MultiSelect
                  value={agencies}
                  onChange={(value: string[]) => setAgencies(value)}
                  withTags
                >
                  {meta.agencies.map((agency) => (
                    <MultiSelectOption key={agency.id} value={String(agency.id)}>
                      {`${agency.code} — ${agency.name}`}
                    </MultiSelectOption>
                  ))}
                </MultiSelect>
                <Field.Hint />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root name="intervalSeconds">
                <Field.Label>{t('feeds.interval', 'Poll every (seconds)')}</Field.Label>
                <NumberInput value={intervalSeconds} onValueChange={setIntervalSeconds} />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root
                name="idleAlertSeconds"
                hint={t('feeds.idleHint', 'Alert when no new item arrives for this long')}
              >
                <Field.Label>{t('feeds.idle', 'Quiet alert after (seconds)')}</Field.Label>
                <NumberInput value={idleAlertSeconds} onValueChange={setIdleAlertSeconds} />
                <Field.Hint />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <Checkbox
                name="enabled"
                checked={enabled}
                onCheckedChange={(checked: boolean | 'indeterminate') =>
                  setEnabled(checked === true)
                }
              >
                {t('feeds.enabled', 'Enabled')}
              </Checkbox>
            </Grid.Item>
            {kind !== 'folder' && (
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <Field.Root
                  name="credentialsType"
                  hint={
                    feed
                      ? t('feeds.keepCredentials', 'Leave blank to keep the stored credentials')
                      : undefined
                  }
                >
                  <Field.Label>{t('feeds.credentials', 'Credentials')}</Field.Label>
                  <SingleSelect
                    value={credentialType}
                    onChange={(value: string | number) => {
                      setCredentialType(value as CredentialType);
                      setSecrets({});
                    }}
                  >
                    {CREDENTIAL_TYPES.map((type) => (
                      <SingleSelectOption key={type} value={type}>
                        {t(`feeds.credentials.${type}`, CREDENTIAL_LABELS[type])}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
            )}
            {kind !== 'folder' &&
              secretFields.map(({ key, label }) => (
                <Grid.Item key={key} col={6} s={12} direction="column" alignItems="stretch">
                  <Field.Root name={`credentials.${key}`}>
                    <Field.Label>{t(`feeds.credentials.${key}`, label)}</Field.Label>
                    <TextInput
                      type={key === 'username' || key === 'name' ? 'text' : 'password'}
                      autoComplete="off"
                      value={secrets[key] ?? ''}
                      onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                        setSecrets((current) => ({ ...current, [key]: e.target.value }))
                      }
                    />
                  </Field.Root>
                </Grid.Item>
              ))}
          </Grid.Root>
          {error && (
            <Typography
              tag="p"
              textColor="danger600"
              role="alert"
              paddingTop={4}
              data-testid="newsroom-feed-form-error"
            >
              {error}
            </Typography>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('panel.cancel', 'Cancel')}</Button>
          </Modal.Close>
          <Button loading={busy} onClick={save}>
            {t('feeds.save', 'Save')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

/** What a feed's form starts from when only its switch changes: the feed as it is, credentials kept. */
export const inputOf = (feed: Feed): FeedInput => ({
  name: feed.name,
  kind: feed.kind,
  ...(feed.kind === 'folder' ? { folder: feed.folder } : { url: feed.url }),
  agencies: feed.agencies.map((agency) => agency.id),
  intervalSeconds: feed.intervalSeconds,
  idleAlertSeconds: feed.idleAlertSeconds,
  enabled: feed.enabled,
});
