import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The person's identity, kept apart from the workflow snapshot so it can be protected and erased alone: one
 * record per ambito and codice fiscale (see libs/persistence/person.repository.ts).
 */
@Entity({ name: 'persons' })
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  ambito!: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  /** Absent for people whose code is not known yet. */
  @Column({ name: 'codice_fiscale', type: 'text', nullable: true })
  codiceFiscale!: string | null;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ type: 'text', nullable: true })
  sex!: 'M' | 'F' | null;

  @Column({ type: 'text', nullable: true })
  birthplace!: string | null;

  /** The Belfiore code the birthplace resolved to. */
  @Column({ name: 'birthplace_code', type: 'text', nullable: true })
  birthplaceCode!: string | null;

  @Column({ type: 'text', nullable: true })
  citizenship!: string | null;

  /** Set when a coordinator merged this record into another one. */
  @Column({ name: 'merged_into', type: 'uuid', nullable: true })
  mergedInto!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** Set when the retention period replaced the identity (see libs/access/retention.ts). */
  @Column({ name: 'pseudonymised_at', type: 'timestamptz', nullable: true })
  pseudonymisedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
