import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MailSender } from '../../libs/notifications/index.js';
import { OutboxRelay } from '../../libs/scheduling/index.js';

/** Runs the outbox relay for as long as the worker lives. */
@Injectable()
export class RelayRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(MailSender) private readonly sender: MailSender,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    this.sender.close();
  }
}
