import { Badge } from '@mantine/core';
import type { Phase } from '../../../../workflows/case/index.js';
import { useLabels } from '../i18n/labels';

/** One colour per phase, used wherever a phase is shown (list, header, chart legend). */
export const PHASE_COLOURS: Record<Phase, string> = {
  segnalazione: 'grape',
  valutazione: 'indigo',
  equipe: 'blue',
  pais: 'teal',
  monitoraggio: 'green',
  esito: 'gray',
};

export function PhaseBadge({ phase, size = 'sm' }: { phase: Phase; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { state } = useLabels();
  return (
    <Badge color={PHASE_COLOURS[phase]} variant="light" size={size}>
      {state(phase)}
    </Badge>
  );
}
