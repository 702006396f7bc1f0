import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { OperationsService } from '../../../libs/observability/index.js';
import { Public } from '../http/authentication.guard.js';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(OperationsService) private readonly operations: OperationsService) {}

  /** Public like health: only totals, no case or person, so Prometheus can scrape it without a login. */
  @Public()
  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics: transitions, deadlines fired, e-mails sent, job failures, queue depth',
  })
  async get(@Res() response: Response) {
    const { contentType, body } = await this.operations.metrics();
    response.type(contentType).send(body);
  }
}
