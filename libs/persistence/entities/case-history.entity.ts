import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only: a database trigger refuses UPDATE and DELETE. `seq` equals the case version it produced. */
@Entity({ name: 'case_history' })
export class CaseHistoryEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'event_data', type: 'jsonb' })
  eventData!: unknown;

  @Column({ name: 'from_state', type: 'text', nullable: true })
  fromState!: string | null;

  @Column({ name: 'to_state', type: 'text' })
  toState!: string;
}
