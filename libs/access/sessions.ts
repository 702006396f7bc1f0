// The server's record of every login. A token (the browser's cookie or an API client's bearer token) names
// its session; a request is served only while that row is open, so ending the row ends the login at once.
// Times are the database's real time, not the injected business clock: a demo day may last two seconds, a
// session's 30 idle minutes may not.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { runAlone, type PreparedStatement } from '../persistence/prepared.js';

export type SessionKind = 'browser' | 'bearer';
export type SessionEndReason = 'logout' | 'deactivated' | 'password_changed' | 'revoked' | 'locked';

export interface OpenSession {
  id: string;
  kind: SessionKind;
  /** The synchronizer token a browser session's state-changing requests must echo (null for bearer). */
  csrfToken: string | null;
  /** The user must set up the second factor before anything else (second-factor.ts). */
  mustEnrol: boolean;
  expiresAt: Date;
}

export interface SessionUserRow {
  session_id: string;
  kind: SessionKind;
  csrf_token: string | null;
  must_enrol: boolean;
  expires_at: Date;
  id: string;
  email: string;
  full_name: string;
  role: string;
  organisation_id: string;
  name: string;
  type: string;
  ambito: string;
}

/** Requests touch last_seen_at at most this often: one write a minute per session, not one per request. */
const TOUCH_EVERY_SECONDS = 60;

/** Every authenticated request runs it: a named statement, planned once per connection. */
const USE_SESSION: PreparedStatement = {
  name: 'session_use',
  text: `SELECT s.id AS session_id, s.kind, s.csrf_token, s.must_enrol, s.expires_at,
                s.last_seen_at < now() - make_interval(secs => $4) AS stale,
                u.id, u.email, u.full_name, u.role, o.id AS organisation_id, o.name, o.type, o.ambito
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         JOIN organisations o ON o.id = u.organisation_id
         WHERE s.id = $1 AND s.user_id = $2 AND s.ended_at IS NULL AND u.active
           AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $3)`,
};

@Injectable()
export class SessionStore {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A browser session carries the CSRF token its state-changing requests must send back. */
  async open(
    userId: string,
    kind: SessionKind,
    csrfToken: string | null,
    mustEnrol = false,
  ): Promise<OpenSession> {
    const id = randomUUID();
    const [row] = await this.dataSource.query(
      `INSERT INTO sessions (id, user_id, kind, csrf_token, must_enrol, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6)) RETURNING expires_at`,
      [id, userId, kind, csrfToken, mustEnrol, this.config.SESSION_MAX_HOURS],
    );
    return { id, kind, csrfToken, mustEnrol, expiresAt: row.expires_at };
  }

  /**
   * The open session `sessionId` of `userId` with the user's current record, or null when it ended, expired,
   * sat idle too long, or its user is no longer active. Marks it used.
   */
  async use(sessionId: string, userId: string): Promise<SessionUserRow | null> {
    const [row] = await runAlone(this.dataSource, (session) =>
      session.run<SessionUserRow & { stale?: boolean }>(USE_SESSION, [
        sessionId,
        userId,
        this.config.SESSION_IDLE_MINUTES,
        TOUCH_EVERY_SECONDS,
      ]),
    );
    if (!row) return null;
    if (row.stale)
      await this.dataSource.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [sessionId]);
    delete row.stale;
    return row;
  }

  /**
   * Deletes the rows of sessions that ended, passed their absolute end or sat idle past the idle timeout more
   * than a day ago: no token can use them any more. The worker's maintenance runs it every hour; the day
   * keeps a recent logout or revocation readable. Returns how many went.
   */
  async deleteFinished(): Promise<number> {
    const [, deleted] = await this.dataSource.query(
      `DELETE FROM sessions
       WHERE ended_at < now() - interval '1 day' OR expires_at < now() - interval '1 day'
          OR last_seen_at < now() - make_interval(mins => $1) - interval '1 day'`,
      [this.config.SESSION_IDLE_MINUTES],
    );
    return deleted;
  }

  async end(sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.dataSource.query(
      'UPDATE sessions SET ended_at = now(), end_reason = $2 WHERE id = $1 AND ended_at IS NULL',
      [sessionId, reason],
    );
  }

  /** Ends every open session of the user but `keep` (the one that asked); returns how many. */
  async endOthersOf(userId: string, keep: string, reason: SessionEndReason, manager?: EntityManager) {
    const [, ended] = await (manager ?? this.dataSource.manager).query(
      `UPDATE sessions SET ended_at = now(), end_reason = $3
       WHERE user_id = $1 AND id <> $2 AND ended_at IS NULL`,
      [userId, keep, reason],
    );
    return ended as number;
  }

  /** Ends every open session of the user; `manager` runs it inside the caller's transaction. Returns how many. */
  async endAllOf(userId: string, reason: SessionEndReason, manager?: EntityManager): Promise<number> {
    const [, ended] = await (manager ?? this.dataSource.manager).query(
      'UPDATE sessions SET ended_at = now(), end_reason = $2 WHERE user_id = $1 AND ended_at IS NULL',
      [userId, reason],
    );
    return ended;
  }
}
