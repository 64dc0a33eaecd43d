import { Box, Flex, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import type { VersionDiff } from '../api/client';
import { useT } from '../utils/getTranslation';

const Inserted = styled.ins`
  background: ${({ theme }) => theme.colors.success100};
  color: ${({ theme }) => theme.colors.success700};
  text-decoration: none;
`;

const Deleted = styled.del`
  background: ${({ theme }) => theme.colors.danger100};
  color: ${({ theme }) => theme.colors.danger700};
  text-decoration: line-through;
`;

/** Two published versions word by word, field by field: what was added, what was taken out. */
export const WordDiff = ({ diff }: { diff: VersionDiff }) => {
  const t = useT();
  const changed = diff.fields.filter((field) => field.changed);
  const unchanged = diff.fields.filter((field) => !field.changed);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="newsroom-version-diff">
      <Typography variant="pi" fontWeight="bold">
        {t('versions.diffTitle', '#{from} → #{to}', { from: diff.from, to: diff.to })}
      </Typography>
      {changed.map((field) => (
        <Box key={field.field}>
          <Typography variant="sigma" tag="h3">
            {field.field}
          </Typography>
          <Typography variant="pi" tag="p" style={{ whiteSpace: 'pre-wrap' }}>
            {field.parts.map((part, i) =>
              part.op === 'insert' ? (
                <Inserted key={i}>{part.text}</Inserted>
              ) : part.op === 'delete' ? (
                <Deleted key={i}>{part.text}</Deleted>
              ) : (
                <span key={i}>{part.text}</span>
              )
            )}
          </Typography>
        </Box>
      ))}
      {changed.length === 0 && (
        <Typography variant="pi" textColor="neutral600">
          {t('versions.noChanges', 'The two versions read the same.')}
        </Typography>
      )}
      {unchanged.length > 0 && (
        <Typography variant="pi" textColor="neutral600">
          {t('versions.unchanged', 'Unchanged: {fields}', {
            fields: unchanged.map((field) => field.field).join(', '),
          })}
        </Typography>
      )}
    </Flex>
  );
};
