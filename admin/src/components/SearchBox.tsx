import { Box, Button, Field, Flex, TextInput } from '@strapi/design-system';
import { Search } from '@strapi/icons';
import { useEffect, useState, type FormEvent } from 'react';
import { useT } from '../utils/getTranslation';

/** The server refuses longer search words (`q`). */
const MAX_QUERY_LENGTH = 200;

interface SearchBoxProps {
  label: string;
  /** The search in force (from the URL): the box shows it again after back and forward. */
  value: string;
  /** Called on Enter or the button, with the words trimmed ('' clears the search). */
  onSearch: (q: string) => void;
  testId: string;
}

/** A labelled search field that searches when submitted, not on every keystroke. */
export const SearchBox = ({ label, value, onSearch, testId }: SearchBoxProps) => {
  const t = useT();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(text.trim());
  };

  return (
    <form role="search" onSubmit={submit}>
      <Flex gap={2} alignItems="flex-end">
        <Box width="320px">
          <Field.Root>
            <Field.Label>{label}</Field.Label>
            <TextInput
              type="search"
              value={text}
              maxLength={MAX_QUERY_LENGTH}
              placeholder={t('search.placeholder', 'Words to find')}
              startAction={<Search aria-hidden />}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setText(e.target.value)}
              data-testid={testId}
            />
          </Field.Root>
        </Box>
        <Button type="submit" variant="secondary" size="L">
          {t('search.submit', 'Search')}
        </Button>
      </Flex>
    </form>
  );
};
