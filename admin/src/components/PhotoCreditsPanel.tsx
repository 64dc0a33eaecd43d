import { useForm } from '@strapi/strapi/admin';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNewsroomApi, type MediaFile } from '../api/client';
import { useGuarded } from '../hooks/useGuarded';
import { fitPhotoField } from '../../../server/src/articles/domain/photo-fields';
import { useT } from '../utils/getTranslation';

const ARTICLE = 'plugin::newsroom.article';
const FIELDS = ['creditLine', 'creator', 'copyrightNotice', 'source', 'caption'] as const;
type Field = (typeof FIELDS)[number];
type Photo = Partial<Record<Field, string | null>> & { image?: { id: number } | null };
type ArticlePhotos = { leadPhoto?: Photo | null; gallery?: Photo[] | null };

const photoAt = (values: ArticlePhotos | undefined, path: string): Photo | null | undefined =>
  path === 'leadPhoto' ? values?.leadPhoto : values?.gallery?.[Number(path.split('.')[1])];

/**
 * Photo credits beside the form: for the lead photo and each gallery photo, what the
 * image file's metadata says, a fill of the empty fields from it, and a missing credit made plain.
 */
export const PhotoCreditsPanel = ({ model }: { model: string }) => {
  if (model !== ARTICLE) return null;
  return { title: 'Photo credits', content: <PhotoCredits /> };
};

const PhotoCredits = () => {
  const t = useT();
  const api = useNewsroomApi();
  const values = useForm('NewsroomPhotoCredits', (state) => state.values as ArticlePhotos);
  const initialValues = useForm(
    'NewsroomPhotoCredits',
    (state) => state.initialValues as ArticlePhotos
  );
  const onChange = useForm('NewsroomPhotoCredits', (state) => state.onChange);
  const guarded = useGuarded();
  const photos = useMemo<Array<[string, Photo]>>(
    () => [
      ...(values.leadPhoto ? [['leadPhoto', values.leadPhoto] as [string, Photo]] : []),
      ...(values.gallery ?? []).map((p, i) => [`gallery.${i}`, p] as [string, Photo]),
    ],
    [values.leadPhoto, values.gallery]
  );
  const idsKey = photos
    .map(([, p]) => p.image?.id)
    .filter((id): id is number => typeof id === 'number')
    .join(',');
  const [files, setFiles] = useState<Record<number, MediaFile>>({});
  const requested = useRef(new Set<number>());

  // Each picked file's metadata is read once; a read that fails is notified and tried again on the next pick.
  useEffect(() => {
    const missing = idsKey
      ? idsKey
          .split(',')
          .map(Number)
          .filter((id) => !requested.current.has(id))
      : [];
    if (!missing.length) return;
    for (const id of missing) requested.current.add(id);
    void Promise.all(missing.map((id) => guarded(() => api.file(id)))).then((loaded) => {
      missing.forEach((id, i) => !loaded[i] && requested.current.delete(id));
      setFiles((known) => ({
        ...known,
        ...Object.fromEntries(
          loaded.filter((f): f is MediaFile => Boolean(f)).map((f) => [f.id, f])
        ),
      }));
    });
  }, [api, guarded, idsKey]);

  // A photo just picked (its image differs from the saved one) gets its empty fields from the
  // file at once, as the server would on save; each pick is filled once, so a field the
  // editor then clears stays clear.
  const filled = useRef(new Set<string>());
  useEffect(() => {
    for (const [path, photo] of photos) {
      const id = photo.image?.id;
      const file = id ? files[id] : undefined;
      if (
        !id ||
        !file ||
        photoAt(initialValues, path)?.image?.id === id ||
        filled.current.has(`${path}:${id}`)
      )
        continue;
      filled.current.add(`${path}:${id}`);
      const credits = file.newsroom?.credits ?? {};
      for (const f of FIELDS) {
        const value = credits[f];
        if (!photo[f]?.trim() && value) onChange(`${path}.${f}`, fitPhotoField(f, value));
      }
    }
  }, [photos, files, initialValues, onChange]);

  if (!photos.length) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {t('credits.none', 'No photos on this article.')}
      </Typography>
    );
  }

  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      width="100%"
      data-testid="newsroom-photo-credits"
    >
      {photos.map(([path, photo]) => {
        const file = photo.image?.id ? files[photo.image.id] : undefined;
        const fromFile = file?.newsroom?.credits ?? {};
        const fillable = FIELDS.filter((f) => !photo[f]?.trim() && fromFile[f]);
        const missingCredit = !photo.creditLine?.trim() && !fromFile.creditLine;
        const expiresAt = file?.newsroom?.expiresAt ? new Date(file.newsroom.expiresAt) : null;
        const expired = expiresAt !== null && expiresAt.getTime() <= Date.now();
        return (
          <Box
            key={path}
            background={missingCredit || expired ? 'danger100' : 'neutral100'}
            padding={2}
            hasRadius
          >
            <Typography variant="pi" fontWeight="bold">
              {path === 'leadPhoto'
                ? t('credits.lead', 'Lead photo')
                : `${t('credits.gallery', 'Gallery photo')} ${Number(path.split('.')[1]) + 1}`}
              {file ? ` · ${file.name}` : ''}
            </Typography>
            {FIELDS.map((f) => (
              <Typography
                key={f}
                variant="pi"
                tag="p"
                textColor={photo[f] ? 'neutral800' : 'neutral500'}
              >
                {t(`credits.${f}`, f)}:{' '}
                {photo[f] ||
                  (fromFile[f]
                    ? `${fromFile[f]} (${t('credits.fromFile', 'from the file')})`
                    : '—')}
              </Typography>
            ))}
            {expiresAt && (
              <Typography
                variant="pi"
                tag="p"
                fontWeight={expired ? 'bold' : undefined}
                textColor={expired ? 'danger700' : 'neutral800'}
                data-testid={expired ? 'newsroom-photo-expired' : undefined}
              >
                {expired
                  ? t('credits.expired', "The agency's licence for this picture ended on {date}.", {
                      date: expiresAt.toLocaleString(),
                    })
                  : t('credits.expires', "The agency's licence for this picture ends on {date}.", {
                      date: expiresAt.toLocaleString(),
                    })}
              </Typography>
            )}
            {missingCredit && (
              <Typography variant="pi" tag="p" fontWeight="bold" textColor="danger700">
                {t('credits.missing', 'No credit line: this photo blocks publishing.')}
              </Typography>
            )}
            {fillable.length > 0 && (
              <Box paddingTop={1}>
                <Button
                  size="S"
                  variant="secondary"
                  onClick={() =>
                    fillable.forEach((f) =>
                      onChange(`${path}.${f}`, fitPhotoField(f, fromFile[f]!))
                    )
                  }
                >
                  {t('credits.fill', 'Fill empty fields from the file')}
                </Button>
              </Box>
            )}
          </Box>
        );
      })}
    </Flex>
  );
};
