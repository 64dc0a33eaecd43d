import { useForm } from '@strapi/strapi/admin';
import { DateTimePicker, Field } from '@strapi/design-system';
import { useT } from '../utils/getTranslation';
import { editorTimeZone } from '../utils/time';

/** The embargo as part of the form (saved with it), shown in the editor's time zone. */
export const EmbargoField = () => {
  const t = useT();
  const value = useForm(
    'NewsroomEmbargo',
    (state) => (state.values as { embargoUntil?: string | null }).embargoUntil
  );
  const onChange = useForm('NewsroomEmbargo', (state) => state.onChange);
  return (
    <Field.Root hint={editorTimeZone()}>
      <Field.Label>{t('panel.embargo', 'Embargo until')}</Field.Label>
      <DateTimePicker
        value={value ? new Date(value) : undefined}
        onChange={(d: Date | undefined) => onChange('embargoUntil', d ? d.toISOString() : null)}
        onClear={() => onChange('embargoUntil', null)}
      />
      <Field.Hint />
    </Field.Root>
  );
};
