// The PaIS editor (goals, actions with responsible organisation, dates and resources, the person's
// commitments) and the monitoring check that follows each action.
import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { ACTION_STATUSES, ANDAMENTI, consentedOrganisations } from '../../../../../workflows/case/index.js';
import type { CaseView } from '../../api/types';
import { DateField, OrganisationSelect } from '../../forms/fields';
import { organisationRef } from '../../forms/references';
import { compact } from '../../forms/schema-form';
import { ResourcesMultiSelect } from '../../resources/resource-picker';
import { today } from '../../format';
import { useLabels } from '../../i18n/labels';
import { defineForm } from './form-spec';

interface PlanValues extends Record<string, unknown> {
  goals: { id: string; description: string }[];
  actions: {
    id: string;
    description: string;
    goalId: string;
    responsibleOrganisation: string;
    startDate: string;
    endDate: string;
    resources: string[];
    resourceIds: string[];
  }[];
  commitments: string[];
  endDate: string;
}

/** The next free id such as "g3": ids only need to be unique within the plan. */
function nextId(prefix: string, taken: { id: string }[]): string {
  let number = taken.length + 1;
  while (taken.some((item) => item.id === `${prefix}${number}`)) number++;
  return `${prefix}${number}`;
}

const emptyAction = (id: string, goalId: string) => ({
  id,
  description: '',
  goalId,
  responsibleOrganisation: '',
  startDate: today(),
  endDate: '',
  resources: [] as string[],
  resourceIds: [] as string[],
});

export const updatePlanForm = defineForm<PlanValues>({
  initialValues: (view) => {
    const plan = view.data.plan;
    if (!plan || plan.goals.length === 0)
      return {
        goals: [{ id: 'g1', description: '' }],
        actions: [emptyAction('a1', 'g1')],
        commitments: [''],
        endDate: '',
      };
    return {
      goals: plan.goals.map((goal) => ({ ...goal })),
      actions: plan.actions.map((action) => ({
        ...action,
        responsibleOrganisation: action.responsibleOrganisation.organisationId,
        resources: [...action.resources],
        resourceIds: [...(action.resourceIds ?? [])],
      })),
      commitments: plan.commitments.length ? [...plan.commitments] : [''],
      endDate: plan.endDate ?? '',
    };
  },
  toPayload: (values, directory) =>
    compact({
      ...values,
      actions: values.actions.map((action) => ({
        ...action,
        responsibleOrganisation: organisationRef(directory, action.responsibleOrganisation),
      })),
    }),
  Fields: function Fields({ form, view }) {
    const { t } = useLabels();
    const { goals, actions, commitments } = form.getValues();
    const goalOptions = goals.map((goal, index) => ({
      value: goal.id,
      label: goal.description.trim() || `${t('fields.goal')} ${index + 1}`,
    }));
    return (
      <Stack gap="lg">
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('fields.goals')}
          </Title>
          {goals.map((goal, index) => (
            <Group key={goal.id} align="flex-start" wrap="nowrap">
              <Textarea
                style={{ flex: 1 }}
                autosize
                minRows={1}
                label={`${t('fields.goal')} ${index + 1}`}
                withAsterisk
                {...form.getInputProps(`goals.${index}.description`)}
              />
              {goals.length > 1 && (
                <ActionIcon
                  mt={28}
                  variant="subtle"
                  color="red"
                  aria-label={`${t('common.remove')} ${t('fields.goal')} ${index + 1}`}
                  onClick={() => form.removeListItem('goals', index)}
                >
                  ✕
                </ActionIcon>
              )}
            </Group>
          ))}
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            onClick={() => form.insertListItem('goals', { id: nextId('g', goals), description: '' })}
          >
            + {t('fields.addGoal')}
          </Button>
        </Stack>

        <Divider />
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('fields.actions')}
          </Title>
          {actions.map((action, index) => (
            <Paper key={action.id} withBorder p="sm" radius="md" bg="gray.0">
              <Group justify="space-between" mb={4}>
                <Text fw={600} size="sm">
                  {t('fields.action')} {index + 1}
                </Text>
                {actions.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`${t('common.remove')} ${t('fields.action')} ${index + 1}`}
                    onClick={() => form.removeListItem('actions', index)}
                  >
                    ✕
                  </ActionIcon>
                )}
              </Group>
              <Stack gap="xs">
                <Textarea
                  autosize
                  minRows={1}
                  label={t('fields.actionDescription')}
                  withAsterisk
                  {...form.getInputProps(`actions.${index}.description`)}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  <Select
                    label={t('fields.actionGoal')}
                    withAsterisk
                    data={goalOptions}
                    {...form.getInputProps(`actions.${index}.goalId`)}
                  />
                  <OrganisationSelect
                    label={t('fields.responsibleOrganisation')}
                    withAsterisk
                    within={consentedOrganisations(view.data)}
                    {...form.getInputProps(`actions.${index}.responsibleOrganisation`)}
                  />
                  <DateField
                    label={t('fields.startDate')}
                    withAsterisk
                    {...form.getInputProps(`actions.${index}.startDate`)}
                  />
                  <DateField
                    label={t('fields.endDate')}
                    withAsterisk
                    {...form.getInputProps(`actions.${index}.endDate`)}
                  />
                </SimpleGrid>
                <ResourcesMultiSelect
                  label={t('resources.linked')}
                  {...form.getInputProps(`actions.${index}.resourceIds`)}
                />
                <TagsInput
                  label={t('fields.resources')}
                  description={t('fields.resourcesHint')}
                  {...form.getInputProps(`actions.${index}.resources`)}
                />
              </Stack>
            </Paper>
          ))}
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            onClick={() =>
              form.insertListItem('actions', emptyAction(nextId('a', actions), goals[0]?.id ?? ''))
            }
          >
            + {t('fields.addAction')}
          </Button>
        </Stack>

        <Divider />
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('fields.commitments')}
          </Title>
          {commitments.map((_, index) => (
            <Group key={index} align="flex-start" wrap="nowrap">
              <Textarea
                style={{ flex: 1 }}
                autosize
                minRows={1}
                label={`${t('fields.commitment')} ${index + 1}`}
                withAsterisk
                {...form.getInputProps(`commitments.${index}`)}
              />
              {commitments.length > 1 && (
                <ActionIcon
                  mt={28}
                  variant="subtle"
                  color="red"
                  aria-label={`${t('common.remove')} ${t('fields.commitment')} ${index + 1}`}
                  onClick={() => form.removeListItem('commitments', index)}
                >
                  ✕
                </ActionIcon>
              )}
            </Group>
          ))}
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            onClick={() => form.insertListItem('commitments', '')}
          >
            + {t('fields.addCommitment')}
          </Button>
        </Stack>
        <DateField label={t('fields.planEndDate')} w={220} {...form.getInputProps('endDate')} />
      </Stack>
    );
  },
});

const lastStatus = (view: CaseView, actionId: string) =>
  view.data.monitoring.at(-1)?.actions.find((action) => action.actionId === actionId)?.status ?? 'in_corso';

export const monitoringForm = defineForm({
  initialValues: (view) => ({
    checkedOn: today(),
    // Chosen, never assumed: a regular check breaks the run of two critical ones that escalates the case.
    andamento: '',
    actions: (view.data.plan?.actions ?? []).map((action) => ({
      actionId: action.id,
      status: lastStatus(view, action.id) as string,
      note: '',
    })),
    note: '',
  }),
  toPayload: (values) => compact(values),
  Fields: function Fields({ form, view }) {
    const { t, options } = useLabels();
    const planActions = view.data.plan?.actions ?? [];
    return (
      <Stack>
        <DateField label={t('fields.checkedOn')} withAsterisk w={220} {...form.getInputProps('checkedOn')} />
        <Radio.Group label={t('fields.andamento')} withAsterisk {...form.getInputProps('andamento')}>
          <Group mt={6}>
            {options('andamento', ANDAMENTI).map((option) => (
              <Radio key={option.value} value={option.value} label={option.label} />
            ))}
          </Group>
        </Radio.Group>
        {form.getValues().actions.map((action, index) => {
          const name =
            planActions.find((candidate) => candidate.id === action.actionId)?.description ?? action.actionId;
          return (
            <Group key={action.actionId} align="flex-end" wrap="wrap" gap="xs">
              <Select
                w={200}
                label={name}
                data={options('actionStatus', ACTION_STATUSES)}
                {...form.getInputProps(`actions.${index}.status`)}
              />
              <Textarea
                style={{ flex: 1, minWidth: 200 }}
                autosize
                minRows={1}
                placeholder={t('fields.actionNote')}
                aria-label={t('fields.actionNoteOf', { action: name })}
                {...form.getInputProps(`actions.${index}.note`)}
              />
            </Group>
          );
        })}
        <Textarea label={t('fields.checkNote')} autosize minRows={2} {...form.getInputProps('note')} />
      </Stack>
    );
  },
});
