import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        type text NOT NULL,
        ambito text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        full_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('inviante', 'operatore', 'coordinatore', 'amministratore', 'dpo')),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE persons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        first_name text NOT NULL,
        last_name text NOT NULL,
        codice_fiscale text NOT NULL,
        birth_date date NOT NULL,
        municipality text NOT NULL,
        phone text,
        email text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX persons_codice_fiscale_idx ON persons (codice_fiscale);
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES persons(id),
        ambito text NOT NULL,
        referring_organisation_id uuid NOT NULL REFERENCES organisations(id),
        version integer NOT NULL,
        phase text NOT NULL,
        state text NOT NULL,
        state_entered_at timestamptz NOT NULL,
        snapshot jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX cases_phase_entered_idx ON cases (phase, state_entered_at);
      CREATE INDEX cases_state_entered_idx ON cases (state, state_entered_at);
      CREATE INDEX cases_ambito_phase_idx ON cases (ambito, phase, state_entered_at);
      CREATE INDEX cases_updated_idx ON cases (updated_at DESC, id);
      CREATE INDEX cases_person_idx ON cases (person_id);
      CREATE TABLE case_history (
        case_id uuid NOT NULL REFERENCES cases(id),
        seq integer NOT NULL,
        at timestamptz NOT NULL,
        actor_user_id uuid REFERENCES users(id),
        event_type text NOT NULL,
        event_data jsonb NOT NULL,
        from_state text,
        to_state text NOT NULL,
        PRIMARY KEY (case_id, seq)
      );
      CREATE FUNCTION case_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_history is append-only';
      END $$;
      CREATE TRIGGER case_history_append_only BEFORE UPDATE OR DELETE ON case_history
        FOR EACH ROW EXECUTE FUNCTION case_history_is_append_only();
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        seq integer NOT NULL,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        UNIQUE (case_id, seq, kind)
      );
      CREATE INDEX outbox_pending_idx ON outbox (id) WHERE sent_at IS NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE outbox;
      DROP TABLE case_history;
      DROP FUNCTION case_history_is_append_only();
      DROP TABLE cases;
      DROP TABLE persons;
      DROP TABLE users;
      DROP TABLE organisations;
    `);
  }
}
