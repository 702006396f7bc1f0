import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The person's identity, kept apart from the workflow snapshot so it can be protected and erased alone. */
@Entity({ name: 'persons' })
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  @Column({ name: 'codice_fiscale', type: 'text' })
  codiceFiscale!: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

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
