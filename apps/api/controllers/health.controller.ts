import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { OperationsService } from '../../../libs/observability/index.js';
import { Public } from '../http/authentication.guard.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(OperationsService) private readonly operations: OperationsService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Database, Redis and queue lag; 503 when the database or Redis cannot be reached',
  })
  async get(@Res({ passthrough: true }) response: Response) {
    const health = await this.operations.health();
    if (health.status !== 'ok') response.status(503);
    return health;
  }
}
