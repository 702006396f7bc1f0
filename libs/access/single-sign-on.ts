// OpenID Connect login through the territory's identity provider (Entra ID, Keycloak, the region's), with
// the authorization code flow and PKCE, through openid-client. The provider says who the person is; Percorsi
// keeps who they are here: the ID token's e-mail claim must name an active user the amministratore created,
// whose role and organisation stay Percorsi's. Nobody unknown is let in.
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as client from 'openid-client';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/index.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** What the browser carries (signed, in a short-lived cookie) from the redirect to the callback. */
interface Transaction {
  state: string;
  nonce: string;
  verifier: string;
}

const TRANSACTION_MINUTES = 10;

@Injectable()
export class SingleSignOn {
  private configuration: Promise<client.Configuration> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  get enabled(): boolean {
    return this.config.OIDC_ISSUER !== undefined;
  }

  get label(): string {
    return this.config.OIDC_LABEL;
  }

  readonly transactionMinutes = TRANSACTION_MINUTES;

  /** Where to send the browser, and the signed transaction to keep until it comes back. */
  async start(redirectUri: string): Promise<{ url: URL; transaction: string }> {
    const configuration = await this.discovered();
    const checks: Transaction = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    const transaction = await this.jwt.signAsync({ oidc: checks }, { expiresIn: TRANSACTION_MINUTES * 60 });
    return { url, transaction };
  }

  /**
   * The id of the Percorsi user the provider's answer (`currentUrl`, the callback with its code) names,
   * checked against the transaction (state, nonce, PKCE verifier).
   */
  async finish(currentUrl: URL, transaction: string | undefined): Promise<string> {
    let checks: Transaction;
    try {
      checks = (await this.jwt.verifyAsync<{ oidc: Transaction }>(transaction ?? '')).oidc;
    } catch {
      throw new DomainError('unauthenticated', {
        it: 'L’accesso ha richiesto troppo tempo o non è partito da qui: riprova.',
        en: 'The sign-in took too long or did not start here: try again.',
      });
    }
    const configuration = await this.discovered();
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    // Many providers put the e-mail in the ID token only when asked claim by claim; the UserInfo endpoint
    // has it for the scope `email` (checked to be about the same subject).
    const claim =
      idToken[this.config.OIDC_EMAIL_CLAIM] ??
      (await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub))[
        this.config.OIDC_EMAIL_CLAIM
      ];
    const [user] =
      typeof claim === 'string'
        ? await this.dataSource.query('SELECT id FROM users WHERE email = lower($1) AND active', [claim])
        : [];
    if (!user) {
      throw new DomainError(
        'forbidden',
        {
          it: 'Nessun utente attivo di Percorsi ha questa identità: chiedi al tuo amministratore.',
          en: 'No active Percorsi user has this identity: ask your amministratore.',
        },
        {
          rule: 'unknown_identity',
        },
      );
    }
    return user.id;
  }

  private discovered(): Promise<client.Configuration> {
    if (!this.enabled)
      throw new DomainError('not_found', {
        it: 'Nessun fornitore di identità è configurato.',
        en: 'No identity provider is configured.',
      });
    // Discovered once, at the first login: the API starts even while the provider is unreachable.
    this.configuration ??= client
      .discovery(
        new URL(this.config.OIDC_ISSUER!),
        this.config.OIDC_CLIENT_ID!,
        this.config.OIDC_CLIENT_SECRET,
        undefined,
        // A provider on plain http only outside production (a test's, a local Keycloak).
        this.config.NODE_ENV === 'production' ? {} : { execute: [client.allowInsecureRequests] },
      )
      .catch((error: unknown) => {
        this.configuration = null;
        throw error;
      });
    return this.configuration;
  }
}
