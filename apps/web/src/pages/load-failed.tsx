// What a page says when what it shows could not be loaded: "not found" for a 404 (which is also what one may
// not open gets), a generic error otherwise, and the way back to the list.
import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { ApiError } from '../api/http';
import { useLabels } from '../i18n/labels';

export function LoadFailed({ error }: { error: Error }) {
  const { t } = useLabels();
  return (
    <Alert color="red" role="alert">
      {error instanceof ApiError && error.status === 404
        ? t('common.notFound')
        : error instanceof ApiError && error.code === 'unreadable_case'
          ? t('list.unreadable')
          : t('common.error')}{' '}
      <Anchor component={Link} to="/casi">
        {t('common.back')}
      </Anchor>
    </Alert>
  );
}
