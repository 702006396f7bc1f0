// The frame every section of the case file shares: a titled region, what it holds, and — when the server
// left out a protected category for this viewer — a notice saying which kind and who reads it.
import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { CaseView } from '../api/types';
import { useLabels } from '../i18n/labels';

export type Withheld = CaseView['withheld'][number];

/** The categories the server withheld from the given fields (the server decides; the UI only says so). */
export function withheldFrom(view: CaseView, field: string): Withheld['category'][] {
  return [...new Set(view.withheld.filter((item) => item.field === field).map((item) => item.category))];
}

export function WithheldNotice({ categories }: { categories: Withheld['category'][] }) {
  const { t } = useLabels();
  if (categories.length === 0) return null;
  return (
    <Alert color="gray" variant="light" data-testid="withheld" p="xs">
      {categories.map((category) => (
        <Text key={category} size="sm">
          {t(`file.withheld.${category}`)}
        </Text>
      ))}
    </Alert>
  );
}

export function FileSection({
  id,
  title,
  withheld = [],
  empty,
  children,
}: {
  id: string;
  title: string;
  withheld?: Withheld['category'][];
  /** Shown instead of the content when the case has nothing here yet. */
  empty?: string;
  children?: ReactNode;
}) {
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby={`file-${id}`}
      data-testid={`file-${id}`}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id={`file-${id}`}>
          {title}
        </Title>
        <WithheldNotice categories={withheld} />
        {empty !== undefined ? (
          <Text c="dimmed" size="sm">
            {empty}
          </Text>
        ) : (
          children
        )}
      </Stack>
    </Paper>
  );
}

/** One labelled value; long texts keep their line breaks. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}
