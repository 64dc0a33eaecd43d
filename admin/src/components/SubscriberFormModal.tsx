import {
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  Grid,
  Modal,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useState } from 'react';
import {
  PUSH_EVENTS,
  PUSH_FORMATS,
  errorMessage,
  type PushEvent,
  type PushFormat,
  type SubscriberInput,
  type SubscriberView,
} from '../api/client';
import { useT } from '../utils/getTranslation';

export const FORMAT_LABELS: Record<PushFormat, string> = {
  newsroom: 'Newsroom JSON',
  ninjs: 'IPTC ninjs 2.2',
};

export const EVENT_LABELS: Record<PushEvent, string> = {
  publish: 'Publish',
  correct: 'Correction',
  kill: 'Kill',
  unpublish: 'Unpublish',
};

/** What a new subscriber is told of unless the form says otherwise (the server's default too). */
const DEFAULT_EVENTS: PushEvent[] = ['publish', 'correct', 'kill'];

interface SubscriberFormModalProps {
  /** The subscriber to edit; none to add one. */
  subscriber: SubscriberView | null;
  onSave: (input: SubscriberInput) => Promise<void>;
  onClose: () => void;
}

/**
 * Adding or editing a subscriber. The secret is write-only: on edit the field starts empty
 * and is sent only when typed, so leaving it empty keeps the stored one.
 */
export const SubscriberFormModal = ({ subscriber, onSave, onClose }: SubscriberFormModalProps) => {
  const t = useT();
  const [name, setName] = useState(subscriber?.name ?? '');
  const [url, setUrl] = useState(subscriber?.url ?? '');
  const [secret, setSecret] = useState('');
  const [format, setFormat] = useState<PushFormat>(subscriber?.format ?? 'newsroom');
  const [events, setEvents] = useState<PushEvent[]>(subscriber?.events ?? DEFAULT_EVENTS);
  const [rubricSlug, setRubricSlug] = useState(subscriber?.rubricSlug ?? '');
  const [agencyCode, setAgencyCode] = useState(subscriber?.agencyCode ?? '');
  const [enabled, setEnabled] = useState(subscriber?.enabled ?? true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggleEvent = (event: PushEvent, on: boolean) =>
    setEvents((current) =>
      // Kept in the contract's order, whatever order they were ticked in.
      PUSH_EVENTS.filter((e) => (e === event ? on : current.includes(e)))
    );

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      // The server names what is wrong (a short secret, a refused address): no second set of rules here.
      await onSave({
        name: name.trim(),
        url: url.trim(),
        ...(secret || !subscriber ? { secret } : {}),
        format,
        events,
        rubricSlug: rubricSlug.trim() || null,
        agencyCode: agencyCode.trim() || null,
        enabled,
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
            {subscriber
              ? t('subscribers.edit', 'Edit subscriber')
              : t('subscribers.add', 'Add subscriber')}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Grid.Root gap={4}>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root name="name" required>
                <Field.Label>{t('subscribers.name', 'Name')}</Field.Label>
                <TextInput
                  value={name}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)}
                />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root name="format" required>
                <Field.Label>{t('subscribers.format', 'Format')}</Field.Label>
                <SingleSelect
                  value={format}
                  onChange={(value: string | number) => setFormat(value as PushFormat)}
                >
                  {PUSH_FORMATS.map((f) => (
                    <SingleSelectOption key={f} value={f}>
                      {t(`subscribers.format.${f}`, FORMAT_LABELS[f])}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <Field.Root
                name="url"
                required
                hint={t('subscribers.urlHint', 'Where each push is POSTed')}
              >
                <Field.Label>{t('subscribers.url', 'Address (URL)')}</Field.Label>
                <TextInput
                  type="url"
                  value={url}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setUrl(e.target.value)}
                />
                <Field.Hint />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <Field.Root
                name="secret"
                required={!subscriber}
                hint={
                  subscriber
                    ? t(
                        'subscribers.keepSecret',
                        'Leave empty to keep the current secret; type a new one (at least 16 characters) to replace it. It is never shown.'
                      )
                    : t(
                        'subscribers.secretHint',
                        'At least 16 characters. Each push is signed with it; give it to the partner. It is not shown again.'
                      )
                }
              >
                <Field.Label>{t('subscribers.secret', 'Signing secret')}</Field.Label>
                <TextInput
                  type="password"
                  // Not offered to the browser's password manager, nor filled by it.
                  autoComplete="new-password"
                  value={secret}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSecret(e.target.value)}
                />
                <Field.Hint />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <Box tag="fieldset" style={{ border: 'none', padding: 0, margin: 0 }}>
                <Typography tag="legend" variant="pi" fontWeight="bold">
                  {t('subscribers.events', 'Events')}
                </Typography>
                <Flex gap={4} paddingTop={2} wrap="wrap">
                  {PUSH_EVENTS.map((event) => (
                    <Checkbox
                      key={event}
                      name={`events.${event}`}
                      checked={events.includes(event)}
                      onCheckedChange={(checked: boolean | 'indeterminate') =>
                        toggleEvent(event, checked === true)
                      }
                    >
                      {t(`subscribers.event.${event}`, EVENT_LABELS[event])}
                    </Checkbox>
                  ))}
                </Flex>
                <Typography tag="p" variant="pi" textColor="neutral600" paddingTop={1}>
                  {t(
                    'subscribers.unpublishHint',
                    'Articles leave the site only by a kill: Unpublish subscribers are sent the kill.'
                  )}
                </Typography>
              </Box>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root
                name="rubricSlug"
                hint={t('subscribers.rubricHint', 'Only articles of this rubric; empty for all')}
              >
                <Field.Label>{t('subscribers.rubric', 'Rubric (slug)')}</Field.Label>
                <TextInput
                  value={rubricSlug}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                    setRubricSlug(e.target.value)
                  }
                />
                <Field.Hint />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root
                name="agencyCode"
                hint={t(
                  'subscribers.agencyHint',
                  'Only articles credited to this agency; empty for all'
                )}
              >
                <Field.Label>{t('subscribers.agency', 'Agency (code)')}</Field.Label>
                <TextInput
                  value={agencyCode}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                    setAgencyCode(e.target.value.toUpperCase())
                  }
                />
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
                {t('subscribers.enabled', 'Enabled')}
              </Checkbox>
            </Grid.Item>
          </Grid.Root>
          {error && (
            <Typography
              tag="p"
              textColor="danger600"
              role="alert"
              paddingTop={4}
              data-testid="newsroom-subscriber-form-error"
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
            {t('subscribers.save', 'Save')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
