import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersistedCase } from '../../../workflows/case/index.js';

/** One percorso: the statechart snapshot plus the columns supervisors filter and sort on. */
@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  ambito!: string;

  @Column({ name: 'referring_organisation_id', type: 'uuid' })
  referringOrganisationId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  phase!: string;

  @Column({ type: 'text' })
  state!: string;

  @Column({ name: 'state_entered_at', type: 'timestamptz' })
  stateEnteredAt!: Date;

  @Column({ type: 'jsonb' })
  snapshot!: PersistedCase;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
