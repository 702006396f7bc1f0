// "I miei messaggi": every e-mail Percorsi sent the user (reminders, alerts, notices of changes), newest
// first, each linking to its case, so a message deleted from the mailbox is not lost.
import { Alert, Anchor, Badge, Button, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyNotifications } from '../api/queries';
import { formatDateTime, fromNow } from '../format';

export function NotificationsPage() {
  const { t } = useTranslation();
  const notifications = useMyNotifications();
  const items = notifications.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('notifications.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('notifications.subtitle')}
        </Text>
      </div>
      {notifications.isError && (
        <Alert color="red" role="alert">
          {t('notifications.failed')}
        </Alert>
      )}
      {notifications.data && items.length === 0 ? (
        // Said outside a table, so that a phone shows it whole rather than centred in a frame wider than itself.
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed" ta="center">
            {t('notifications.empty')}
          </Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }} tabIndex={0}>
          <Table verticalSpacing="sm" horizontalSpacing="md" miw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('notifications.when')}</Table.Th>
                <Table.Th>{t('notifications.kind')}</Table.Th>
                <Table.Th>{t('notifications.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {notifications.isPending &&
                Array.from({ length: 3 }, (_, index) => (
                  <Table.Tr key={index}>
                    <Table.Td colSpan={3}>
                      <Skeleton h={28} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              {items.map((item) => (
                <Table.Tr key={item.id} data-testid="notification-row">
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {formatDateTime(item.sentAt)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {fromNow(item.sentAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray" tt="none">
                      {t(`notifications.kinds.${item.kind}`, { defaultValue: item.kind })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/casi/${item.caseId}`}
                      aria-label={t('notifications.open', { subject: item.subject })}
                    >
                      {item.subject}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {notifications.hasNextPage && (
        <Button
          variant="default"
          onClick={() => notifications.fetchNextPage()}
          loading={notifications.isFetchingNextPage}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('notifications.more')}
        </Button>
      )}
    </Stack>
  );
}
